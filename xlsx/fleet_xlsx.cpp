// Reads .xlsx workbooks for the fleet: the ZIP archive's central directory by hand (a small
// fixed layout), each part inflated by zlib a chunk at a time and fed to expat's streaming
// parser, so a sheet of a million rows is never held whole, as text or as a tree.
#include "fleet_xlsx.hpp"

#include <expat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>

namespace apos {

namespace {

constexpr std::size_t kChunk = 64 * 1024;  // inflated bytes handed to expat at a time

std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

// ---- The ZIP archive ----------------------------------------------------------------------
struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;  // 0 stored, 8 deflated
    std::uint16_t flags = 0;
    std::uint32_t crc = 0;
    std::size_t compressed = 0;
    std::size_t size = 0;
    std::size_t local_offset = 0;
};

// The entries of the central directory, found through the end record at the archive's tail.
bool read_zip_directory(std::string_view zip, std::vector<ZipEntry>& entries, std::string& error) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(zip.data());
    const std::size_t n = zip.size();
    if (n < 22) {
        error = "the ZIP archive is cut short (" + std::to_string(n) + " bytes)";
        return false;
    }
    std::size_t end = n;  // the end-of-central-directory record: 22 bytes plus a comment of up to 64 KB
    for (std::size_t at = n - 22 + 1; at-- > 0 && n - at <= 22 + 65535;) {
        if (std::memcmp(bytes + at, "PK\x05\x06", 4) == 0) {
            end = at;
            break;
        }
    }
    if (end == n) {
        error = "the ZIP archive has no central directory (the file is cut short or damaged)";
        return false;
    }
    const std::size_t count = u16(bytes + end + 10);
    const std::size_t dir_size = u32(bytes + end + 12);
    const std::size_t dir_offset = u32(bytes + end + 16);
    if (count == 0xFFFF || dir_offset == 0xFFFFFFFFu) {
        error = "a ZIP64 archive (over 4 GB or 65,535 parts) is not read";
        return false;
    }
    if (dir_offset > end || dir_size > end - dir_offset) {
        error = "the ZIP archive's central directory lies outside the file (the file is damaged)";
        return false;
    }
    std::size_t at = dir_offset;
    for (std::size_t i = 0; i < count; ++i) {
        if (at + 46 > end || std::memcmp(bytes + at, "PK\x01\x02", 4) != 0) {
            error = "entry " + std::to_string(i + 1) + " of the ZIP archive's central directory is damaged";
            return false;
        }
        ZipEntry e;
        e.flags = u16(bytes + at + 8);
        e.method = u16(bytes + at + 10);
        e.crc = u32(bytes + at + 16);
        e.compressed = u32(bytes + at + 20);
        e.size = u32(bytes + at + 24);
        const std::size_t name_len = u16(bytes + at + 28);
        const std::size_t extra_len = u16(bytes + at + 30);
        const std::size_t comment_len = u16(bytes + at + 32);
        e.local_offset = u32(bytes + at + 42);
        if (at + 46 + name_len + extra_len + comment_len > end) {
            error = "entry " + std::to_string(i + 1) + " of the ZIP archive's central directory is damaged";
            return false;
        }
        e.name.assign(zip.substr(at + 46, name_len));
        entries.push_back(std::move(e));
        at += 46 + name_len + extra_len + comment_len;
    }
    return true;
}

const ZipEntry* find_entry(const std::vector<ZipEntry>& entries, std::string_view name) {
    for (const ZipEntry& e : entries)
        if (e.name == name) return &e;
    const std::string wanted = lower(std::string(name));  // part names are case-insensitive
    for (const ZipEntry& e : entries)
        if (lower(e.name) == wanted) return &e;
    return nullptr;
}

// One entry's bytes, inflated a chunk at a time; at most `limit` bytes come out.
class EntryStream {
public:
    EntryStream(std::string_view zip, const ZipEntry& entry, std::size_t limit)
        : name_(entry.name), limit_(limit), expected_crc_(entry.crc) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(zip.data());
        const std::size_t at = entry.local_offset;
        if (entry.flags & 1u) {
            error_ = "part " + name_ + " is encrypted; save the workbook without a password";
            return;
        }
        if (entry.method != 0 && entry.method != 8) {
            error_ = "part " + name_ + " is compressed by method " + std::to_string(entry.method) +
                     "; only stored and deflated parts are read";
            return;
        }
        if (at + 30 > zip.size() || std::memcmp(bytes + at, "PK\x03\x04", 4) != 0) {
            error_ = "part " + name_ + " is not where the ZIP directory says (the file is damaged)";
            return;
        }
        const std::size_t start = at + 30 + u16(bytes + at + 26) + u16(bytes + at + 28);
        if (start > zip.size() || entry.compressed > zip.size() - start) {
            error_ = "part " + name_ + " runs past the end of the file (the file is cut short)";
            return;
        }
        input_ = zip.substr(start, entry.compressed);
        stored_ = entry.method == 0;
        if (!stored_) {
            if (inflateInit2(&z_, -MAX_WBITS) != Z_OK) {
                error_ = "zlib could not start";
                return;
            }
            z_open_ = true;
            z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input_.data()));
            z_.avail_in = static_cast<uInt>(input_.size());
        }
    }
    ~EntryStream() {
        if (z_open_) inflateEnd(&z_);
    }
    EntryStream(const EntryStream&) = delete;
    EntryStream& operator=(const EntryStream&) = delete;

    const std::string& error() const { return error_; }

    // The next chunk into `out`; false at the end or on an error (error() says).
    bool read(std::string& out) {
        out.clear();
        if (!error_.empty() || done_) return false;
        if (stored_) {
            const std::size_t take = std::min(kChunk, input_.size() - pos_);
            out.assign(input_.substr(pos_, take));
            pos_ += take;
            done_ = pos_ >= input_.size();
        } else {
            out.resize(kChunk);
            z_.next_out = reinterpret_cast<Bytef*>(out.data());
            z_.avail_out = static_cast<uInt>(out.size());
            const int rc = inflate(&z_, Z_NO_FLUSH);
            out.resize(out.size() - z_.avail_out);
            if (rc == Z_STREAM_END) {
                done_ = true;
            } else if (rc != Z_OK || (out.empty() && z_.avail_in == 0)) {
                error_ = "part " + name_ + " does not inflate (" + (z_.msg ? std::string(z_.msg) : "cut short") +
                         "); the file is damaged";
                return false;
            }
        }
        total_ += out.size();
        if (total_ > limit_) {
            error_ = "part " + name_ + " inflates to more than " + std::to_string(limit_) + " bytes";
            return false;
        }
        crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
        if (done_ && crc_ != expected_crc_) {
            error_ = "part " + name_ + " is damaged (its checksum does not match)";
            return false;
        }
        return !out.empty() || !done_;
    }

private:
    std::string name_;
    std::size_t limit_ = 0;
    std::string error_;
    std::string_view input_;
    bool stored_ = true;
    bool done_ = false;
    std::size_t pos_ = 0;
    std::size_t total_ = 0;
    std::uint32_t expected_crc_ = 0;
    uLong crc_ = 0;
    z_stream z_{};
    bool z_open_ = false;
};

// ---- XML through expat ----------------------------------------------------------------------
// Element and attribute names arrive as "namespace\x01local"; only the local part matters here
// (transitional and strict workbooks use different namespaces for the same names).
constexpr char kNsSeparator = '\x01';

std::string_view local_name(const XML_Char* name) {
    const std::string_view n(name);
    const auto cut = n.rfind(kNsSeparator);
    return cut == std::string_view::npos ? n : n.substr(cut + 1);
}

std::string_view attribute(const XML_Char** attrs, std::string_view local) {
    for (std::size_t i = 0; attrs[i]; i += 2)
        if (local_name(attrs[i]) == local) return attrs[i + 1];
    return {};
}

struct XmlHandler {
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const XML_Char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
    static_cast<XmlHandler*>(data)->start(local_name(name), attrs);
}
void XMLCALL on_end(void* data, const XML_Char* name) { static_cast<XmlHandler*>(data)->end(local_name(name)); }
void XMLCALL on_text(void* data, const XML_Char* s, int len) {
    static_cast<XmlHandler*>(data)->text(std::string_view(s, static_cast<std::size_t>(len)));
}

struct XmlParser {
    explicit XmlParser(XmlHandler& handler) : parser(XML_ParserCreateNS(nullptr, kNsSeparator)) {
        if (!parser) return;
        XML_SetUserData(parser, &handler);
        XML_SetElementHandler(parser, on_start, on_end);
        XML_SetCharacterDataHandler(parser, on_text);
    }
    ~XmlParser() {
        if (parser) XML_ParserFree(parser);
    }
    XmlParser(const XmlParser&) = delete;
    XmlParser& operator=(const XmlParser&) = delete;
    // Feeds a chunk (final: the end of the part); false and `error` when the XML is broken.
    bool feed(std::string_view chunk, bool final, const std::string& part, std::string& error) {
        if (!parser) {
            error = "expat could not start";
            return false;
        }
        if (XML_Parse(parser, chunk.data(), static_cast<int>(chunk.size()), final ? 1 : 0) == XML_STATUS_OK)
            return true;
        error = "part " + part + " is not well-formed XML (line " + std::to_string(XML_GetCurrentLineNumber(parser)) +
                ": " + XML_ErrorString(XML_GetErrorCode(parser)) + ")";
        return false;
    }
    XML_Parser parser;
};

// Streams one whole part through a handler.
bool parse_part(std::string_view zip, const ZipEntry& entry, std::size_t limit, XmlHandler& handler,
                std::string& error) {
    EntryStream stream(zip, entry, limit);
    XmlParser xml(handler);
    std::string chunk;
    while (stream.read(chunk))
        if (!xml.feed(chunk, false, entry.name, error)) return false;
    if (!stream.error().empty()) {
        error = stream.error();
        return false;
    }
    return xml.feed({}, true, entry.name, error);
}

// ---- The workbook's parts -------------------------------------------------------------------
struct Relationship {
    std::string id, type, target;
};

struct RelsHandler final : XmlHandler {
    std::vector<Relationship> rels;
    void start(std::string_view name, const XML_Char** attrs) override {
        if (name == "Relationship")
            rels.push_back({std::string(attribute(attrs, "Id")), std::string(attribute(attrs, "Type")),
                            std::string(attribute(attrs, "Target"))});
    }
    void end(std::string_view) override {}
};

struct SheetRef {
    std::string name, rel_id;
};

struct WorkbookHandler final : XmlHandler {
    std::vector<SheetRef> sheets;
    bool date1904 = false;
    void start(std::string_view name, const XML_Char** attrs) override {
        if (name == "sheet") {
            sheets.push_back({std::string(attribute(attrs, "name")), std::string(attribute(attrs, "id"))});
        } else if (name == "workbookPr") {
            const std::string_view v = attribute(attrs, "date1904");
            date1904 = v == "1" || v == "true";
        }
    }
    void end(std::string_view) override {}
};

// Whether a number format shows a date: Excel's built-in date formats, or a format code with
// day or year letters (or month letters without hours or seconds) outside quotes and brackets.
bool is_date_format(int id, const std::string& code) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
    if (code.empty()) return false;
    bool day_or_year = false, month = false, time = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string::npos) break;
            i = close;
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is shown as it is (or is padding)
        } else if (c == 'd' || c == 'y') {
            day_or_year = true;
        } else if (c == 'm') {
            month = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        }
    }
    return day_or_year || (month && !time);
}

struct StylesHandler final : XmlHandler {
    std::vector<std::pair<int, std::string>> formats;  // custom number formats
    std::vector<int> xf_formats;                       // number format of each cell style
    int depth_in_cell_xfs = 0;
    void start(std::string_view name, const XML_Char** attrs) override {
        if (name == "numFmt") {
            formats.emplace_back(std::atoi(std::string(attribute(attrs, "numFmtId")).c_str()),
                                 std::string(attribute(attrs, "formatCode")));
        } else if (name == "cellXfs") {
            ++depth_in_cell_xfs;
        } else if (name == "xf" && depth_in_cell_xfs > 0) {
            xf_formats.push_back(std::atoi(std::string(attribute(attrs, "numFmtId")).c_str()));
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") --depth_in_cell_xfs;
    }
    std::vector<bool> date_styles() const {
        std::vector<bool> out;
        for (int id : xf_formats) {
            std::string code;
            for (const auto& [fid, c] : formats)
                if (fid == id) code = c;
            out.push_back(is_date_format(id, code));
        }
        return out;
    }
};

// Text of <t> elements, leaving out phonetic runs (<rPh>), as shared and inline strings hold it.
struct RichText {
    std::string value;
    int in_t = 0;
    int in_phonetic = 0;
    void start(std::string_view name) {
        if (name == "t") ++in_t;
        else if (name == "rPh") ++in_phonetic;
    }
    void end(std::string_view name) {
        if (name == "t" && in_t > 0) --in_t;
        else if (name == "rPh" && in_phonetic > 0) --in_phonetic;
    }
    void text(std::string_view s) {
        if (in_t > 0 && in_phonetic == 0) value += s;
    }
};

struct SharedStringsHandler final : XmlHandler {
    std::vector<std::string> strings;
    RichText item;
    bool in_item = false;
    void start(std::string_view name, const XML_Char**) override {
        if (name == "si") {
            in_item = true;
            item = RichText{};
        } else if (in_item) {
            item.start(name);
        }
    }
    void end(std::string_view name) override {
        if (name == "si" && in_item) {
            strings.push_back(std::move(item.value));
            in_item = false;
        } else if (in_item) {
            item.end(name);
        }
    }
    void text(std::string_view s) override {
        if (in_item) item.text(s);
    }
};

// "xl/worksheets/sheet1.xml" from a relationship target, relative to the folder of `base`.
std::string resolve_target(std::string_view base, std::string_view target) {
    std::string path;
    if (!target.empty() && target.front() == '/') {
        path = std::string(target.substr(1));
    } else {
        const auto slash = base.rfind('/');
        path = (slash == std::string_view::npos ? std::string() : std::string(base.substr(0, slash + 1))) +
               std::string(target);
    }
    std::vector<std::string> parts;  // "a/../b" and "./" folded away
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, end - start);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string rels_path(std::string_view part) {
    const auto slash = part.rfind('/');
    if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
    return std::string(part.substr(0, slash + 1)) + "_rels/" + std::string(part.substr(slash + 1)) + ".rels";
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string quoted_names(const std::vector<SheetRef>& sheets) {
    std::string out;
    for (const SheetRef& s : sheets) out += (out.empty() ? "\"" : ", \"") + s.name + "\"";
    return out;
}

// What every read of one workbook shares: the archive, the strings and the date styles.
struct Workbook {
    std::string_view zip;
    std::vector<ZipEntry> entries;
    std::vector<SheetRef> sheets;
    std::vector<std::string> sheet_parts;  // the part of each sheet ("" when the workbook does not say)
    std::vector<std::string> strings;
    std::vector<bool> date_styles;
    bool date1904 = false;
    std::size_t limit = 0;
};

// Opens the archive and reads the workbook's list of sheets and, when `full`, its shared
// strings and styles.
std::shared_ptr<Workbook> open_workbook(std::string_view bytes, const FleetLimits& limits, bool full,
                                        std::string& error) {
    if (bytes.size() >= 4 && std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0", 4) == 0) {
        error =
            "an Excel 97-2003 (.xls) or password-protected workbook is not read; save it as .xlsx without a "
            "password, or as CSV";
        return nullptr;
    }
    if (!looks_like_zip(bytes)) {
        error = "not an Excel workbook (.xlsx): the file does not start as a ZIP archive does";
        return nullptr;
    }
    if (bytes.size() > limits.max_bytes) {
        error = "the file has " + std::to_string(bytes.size()) + " bytes; the limit is " +
                std::to_string(limits.max_bytes) + " bytes";
        return nullptr;
    }
    auto wb = std::make_shared<Workbook>();
    wb->zip = bytes;
    wb->limit = limits.max_bytes;
    if (!read_zip_directory(bytes, wb->entries, error)) return nullptr;

    // The workbook part: where the package's relationships point, else its usual place.
    std::string workbook_part = "xl/workbook.xml";
    if (const ZipEntry* root = find_entry(wb->entries, "_rels/.rels")) {
        RelsHandler rels;
        if (!parse_part(bytes, *root, wb->limit, rels, error)) return nullptr;
        for (const Relationship& r : rels.rels)
            if (ends_with(r.type, "/officeDocument")) workbook_part = resolve_target("", r.target);
    }
    const ZipEntry* workbook = find_entry(wb->entries, workbook_part);
    if (!workbook) {
        error = "the ZIP archive holds no Excel workbook (no " + workbook_part +
                " part; is it a Word or other Office file, or a plain archive?)";
        return nullptr;
    }
    WorkbookHandler book;
    if (!parse_part(bytes, *workbook, wb->limit, book, error)) return nullptr;
    wb->sheets = std::move(book.sheets);
    wb->date1904 = book.date1904;
    if (wb->sheets.empty()) {
        error = "the workbook (" + workbook_part + ") lists no sheets";
        return nullptr;
    }
    std::vector<Relationship> rels;
    if (const ZipEntry* part = find_entry(wb->entries, rels_path(workbook_part))) {
        RelsHandler handler;
        if (!parse_part(bytes, *part, wb->limit, handler, error)) return nullptr;
        rels = std::move(handler.rels);
    }
    auto target_of = [&](auto&& matches) -> std::string {
        for (const Relationship& r : rels)
            if (matches(r)) return resolve_target(workbook_part, r.target);
        return {};
    };
    for (const SheetRef& s : wb->sheets)
        wb->sheet_parts.push_back(target_of([&](const Relationship& r) { return r.id == s.rel_id; }));
    if (!full) return wb;

    std::string strings_part = target_of([](const Relationship& r) { return ends_with(r.type, "/sharedStrings"); });
    if (strings_part.empty()) strings_part = "xl/sharedStrings.xml";
    if (const ZipEntry* part = find_entry(wb->entries, strings_part)) {
        SharedStringsHandler handler;
        if (!parse_part(bytes, *part, wb->limit, handler, error)) return nullptr;
        wb->strings = std::move(handler.strings);
    }
    std::string styles_part = target_of([](const Relationship& r) { return ends_with(r.type, "/styles"); });
    if (styles_part.empty()) styles_part = "xl/styles.xml";
    if (const ZipEntry* part = find_entry(wb->entries, styles_part)) {
        StylesHandler handler;
        if (!parse_part(bytes, *part, wb->limit, handler, error)) return nullptr;
        wb->date_styles = handler.date_styles();
    }
    return wb;
}

// "C12" -> column 2 (0-based); -1 when the reference has no letters.
int column_of(std::string_view ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && i < 3; ++i)
        col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    return i == 0 ? -1 : col - 1;
}

// A date cell's serial day number as year-month-day (the fraction, a time of day, left out);
// nothing when it is not a day a calendar has (Excel's 1900-02-29, or out of range).
std::optional<std::string> serial_to_iso(std::string_view text, bool date1904) {
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !(v >= 0 && v < 2958466)) return std::nullopt;
    const auto days = static_cast<std::int32_t>(v);
    // Day 1 is 1900-01-01 (1904-01-02 in the 1904 system); Excel counts a 29 February 1900
    // that never was, so from day 61 on the count starts a day earlier.
    std::optional<Date> base;
    if (date1904) base = Date::from_ymd(1904, 1, 1);
    else if (days >= 61) base = Date::from_ymd(1899, 12, 30);
    else if (days >= 1 && days < 60) base = Date::from_ymd(1899, 12, 31);
    if (!base) return std::nullopt;
    return base->plus_days(days).to_string();
}

constexpr int kMaxColumns = 16384;  // Excel's XFD

// A sheet's rows, parsed a chunk at a time; rows complete in a chunk wait in a queue.
class SheetRecords final : public FleetRecords, private XmlHandler {
public:
    SheetRecords(std::shared_ptr<const Workbook> wb, std::size_t sheet)
        : wb_(std::move(wb)),
          sheet_(sheet),
          part_(wb_->sheet_parts[sheet]),
          stream_(wb_->zip, *find_entry(wb_->entries, part_), sheet_limit(wb_->limit)),
          xml_(*this) {}

    bool next(std::vector<std::string>& fields, int& line, std::string& problem) override {
        while (queue_.empty() && !finished_) pump();
        if (queue_.empty()) {
            problem = problem_;
            line = last_row_ + 1;
            return false;
        }
        Row& r = queue_.front();
        fields = std::move(r.fields);
        dates_ = std::move(r.dates);
        line = r.line;
        queue_.pop_front();
        ++taken_;
        return true;
    }

    std::unique_ptr<FleetRecords> fork() const override {
        auto copy = std::make_unique<SheetRecords>(wb_, sheet_);
        std::vector<std::string> fields;
        int line = 0;
        std::string problem;
        for (std::size_t i = 0; i < taken_; ++i) copy->next(fields, line, problem);
        return copy;
    }

    bool date_cell(std::size_t i) const override { return i < dates_.size() && dates_[i]; }
    std::string sheet() const override { return wb_->sheets[sheet_].name; }

private:
    struct Row {
        std::vector<std::string> fields;
        std::vector<bool> dates;
        int line = 0;
    };

    static std::size_t sheet_limit(std::size_t max_bytes) {
        // The sheet is streamed, so it may inflate well past the file's own limit.
        return max_bytes > SIZE_MAX / 4 ? SIZE_MAX : max_bytes * 4;
    }

    void pump() {
        std::string error;
        if (!stream_.read(chunk_)) {
            if (!stream_.error().empty()) stop(stream_.error());
            else if (!xml_.feed({}, true, part_, error)) stop(error);
            finished_ = true;
            return;
        }
        if (!xml_.feed(chunk_, false, part_, error)) stop(error);
    }

    // Ends the sheet at a problem; the rows before it are still handed out. The first problem
    // is the one reported (stopping the parser makes expat report an abort of its own).
    void stop(const std::string& why) {
        if (problem_.empty()) problem_ = "sheet \"" + sheet() + "\": " + why;
        if (!finished_ && xml_.parser) XML_StopParser(xml_.parser, XML_FALSE);
        finished_ = true;
    }

    void start(std::string_view name, const XML_Char** attrs) override {
        if (finished_) return;
        if (name == "row") {
            // SpreadsheetML has no row inside a row; taking one would hand out rows out of order.
            if (in_row_) return stop("row " + std::to_string(row_line_) + " holds another row (the sheet is damaged)");
            in_row_ = true;
            const std::string_view r = attribute(attrs, "r");
            row_line_ = r.empty() ? last_row_ + 1 : std::atoi(std::string(r).c_str());
            if (row_line_ <= last_row_) row_line_ = last_row_ + 1;
            row_ = Row{};
            row_.line = row_line_;
            column_ = -1;
        } else if (name == "c") {
            const std::string_view r = attribute(attrs, "r");
            const int col = r.empty() ? column_ + 1 : column_of(r);
            column_ = col < 0 ? column_ + 1 : col;
            type_ = std::string(attribute(attrs, "t"));
            const std::string_view s = attribute(attrs, "s");
            style_ = s.empty() ? 0 : std::atoi(std::string(s).c_str());
            value_.clear();
            inline_ = RichText{};
            in_cell_ = true;
        } else if (in_cell_ && name == "v") {
            in_v_ = true;
        } else if (in_cell_ && name == "is") {
            in_is_ = true;
        } else if (in_is_) {
            inline_.start(name);
        }
    }

    void end(std::string_view name) override {
        if (finished_) return;
        if (name == "v") {
            in_v_ = false;
        } else if (name == "is") {
            in_is_ = false;
        } else if (in_is_) {
            inline_.end(name);
        } else if (name == "c" && in_cell_) {
            in_cell_ = false;
            end_cell();
        } else if (name == "row" && in_row_) {
            in_row_ = false;
            last_row_ = row_line_;
            bool filled = false;
            for (const std::string& f : row_.fields) filled = filled || !f.empty();
            if (filled) queue_.push_back(std::move(row_));
        }
    }

    void text(std::string_view s) override {
        if (in_v_) value_ += s;
        else if (in_is_) inline_.text(s);
    }

    void end_cell() {
        if (column_ >= kMaxColumns) {
            stop("row " + std::to_string(row_line_) + " has a cell past column XFD");
            return;
        }
        std::string value;
        bool is_date = false;
        if (type_ == "s") {
            const std::string v = value_;
            char* end = nullptr;
            const unsigned long index = std::strtoul(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || index >= wb_->strings.size()) {
                stop("the cell in row " + std::to_string(row_line_) + ", column " + std::to_string(column_ + 1) +
                     " names shared string \"" + v + "\", and the workbook has " + std::to_string(wb_->strings.size()));
                return;
            }
            value = wb_->strings[index];
        } else if (type_ == "inlineStr") {
            value = std::move(inline_.value);
        } else if (type_ == "b") {
            value = value_.empty() ? "" : value_ == "1" ? "TRUE" : "FALSE";
        } else if (type_ == "d") {  // an ISO 8601 date cell: its date part, when it is one
            const std::string day = value_.substr(0, std::min<std::size_t>(value_.size(), 10));
            is_date = Date::parse(day).has_value();
            value = is_date ? day : value_;
        } else if (type_.empty() || type_ == "n") {
            value = value_;
            const auto s = static_cast<std::size_t>(style_);
            if (!value.empty() && style_ >= 0 && s < wb_->date_styles.size() && wb_->date_styles[s]) {
                if (auto iso = serial_to_iso(value, wb_->date1904)) {
                    value = *iso;
                    is_date = true;
                }
            }
        } else {  // "str" (a formula's text), "e" (an error such as #N/A)
            value = value_;
        }
        const auto col = static_cast<std::size_t>(column_);
        if (row_.fields.size() <= col) {
            row_.fields.resize(col + 1);
            row_.dates.resize(col + 1);
        }
        row_.fields[col] = std::move(value);
        row_.dates[col] = is_date;
    }

    std::shared_ptr<const Workbook> wb_;
    std::size_t sheet_ = 0;
    std::string part_;
    EntryStream stream_;
    XmlParser xml_;
    std::string chunk_;
    std::deque<Row> queue_;
    bool finished_ = false;
    std::string problem_;
    std::size_t taken_ = 0;
    std::vector<bool> dates_;  // of the last record handed out
    // The row and cell being parsed.
    Row row_;
    int row_line_ = 0;
    int last_row_ = 0;
    bool in_row_ = false;  // between <row> and </row>
    int column_ = -1;
    std::string type_;
    int style_ = 0;
    std::string value_;
    RichText inline_;
    bool in_cell_ = false;
    bool in_v_ = false;
    bool in_is_ = false;
};

}  // namespace

std::optional<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes, std::string& error) {
    const auto wb = open_workbook(bytes, FleetLimits{}, false, error);
    if (!wb) return std::nullopt;
    std::vector<std::string> names;
    for (const SheetRef& s : wb->sheets) names.push_back(s.name);
    return names;
}

std::unique_ptr<FleetRecords> open_xlsx_sheet(std::string_view bytes, std::string_view sheet, const FleetLimits& limits,
                                              std::string& error) {
    const auto wb = open_workbook(bytes, limits, true, error);
    if (!wb) return nullptr;
    std::size_t index = 0;
    if (!sheet.empty()) {
        index = wb->sheets.size();
        for (std::size_t i = 0; i < wb->sheets.size() && index == wb->sheets.size(); ++i)
            if (wb->sheets[i].name == sheet) index = i;
        for (std::size_t i = 0; i < wb->sheets.size() && index == wb->sheets.size(); ++i)
            if (lower(wb->sheets[i].name) == lower(std::string(sheet))) index = i;  // Excel's names ignore case
        if (index == wb->sheets.size()) {
            error = "the workbook has no sheet named \"" + std::string(sheet) + "\"; its sheets are " +
                    quoted_names(wb->sheets);
            return nullptr;
        }
    }
    const std::string& part = wb->sheet_parts[index];
    if (part.empty() || !find_entry(wb->entries, part)) {
        error = "sheet \"" + wb->sheets[index].name + "\" has no part in the archive" +
                (part.empty() ? std::string(" (the workbook's relationships do not name one)") : " (" + part + ")");
        return nullptr;
    }
    return std::make_unique<SheetRecords>(wb, index);
}

FleetParse parse_fleet_file(std::string_view bytes, const FleetLimits& limits, const FleetOptions& options,
                            std::string_view sheet) {
    if (!looks_like_zip(bytes) && sheet.empty()) return parse_fleet_csv(bytes, limits, options);
    std::string error;
    auto records = open_xlsx_sheet(bytes, sheet, limits, error);
    return parse_fleet_sheet(std::move(records), error, limits, options);
}

}  // namespace apos
