// Packs a sheet's records for the trip between two WebAssembly modules and reads them back.
// Layout: a tag byte, then 32-bit little-endian counts and lengths:
//   'E' error text | 'N' count, names | 'R' sheet name, records ('r' line, field count, fields
//   whose length has bit 31 set for a date cell), end ('e' line, problem).
#include "sheet_rows.hpp"

#include <cstdint>
#include <utility>

namespace apos {

namespace {

constexpr std::uint32_t kDateBit = 0x80000000u;

void put_u32(std::string& out, std::uint32_t v) {
    const char bytes[4] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                           static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 24) & 0xFF)};
    out.append(bytes, 4);
}

void put_text(std::string& out, std::string_view text) {
    put_u32(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
}

// Reads the packed bytes front to back; any read past the end marks it damaged.
struct Cursor {
    std::string_view bytes;
    std::size_t at = 0;
    bool damaged = false;

    bool u8(char& c) {
        if (at >= bytes.size()) return !(damaged = true);
        c = bytes[at++];
        return true;
    }
    bool u32(std::uint32_t& v) {
        if (bytes.size() - at < 4) return !(damaged = true);
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        v = static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
            (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
        at += 4;
        return true;
    }
    bool text(std::size_t size, std::string& out) {
        if (bytes.size() - at < size) return !(damaged = true);
        out.assign(bytes.data() + at, size);
        at += size;
        return true;
    }
    bool text(std::string& out) {
        std::uint32_t size = 0;
        return u32(size) && text(size, out);
    }
};

const char* const kDamaged = "the workbook reader's answer is damaged";

// Opens a packed answer: the error text of an 'E', or the cursor after the expected tag.
bool open_answer(std::string_view packed, char tag, Cursor& cursor, std::string& error) {
    cursor = Cursor{packed};
    char found = 0;
    if (!cursor.u8(found)) {
        error = kDamaged;
        return false;
    }
    if (found == 'E') {
        error = std::string(packed.substr(1));
        return false;
    }
    if (found != tag) {
        error = kDamaged;
        return false;
    }
    return true;
}

class PackedRecords final : public FleetRecords {
public:
    PackedRecords(std::shared_ptr<const std::string> packed, std::size_t at, std::string sheet)
        : packed_(std::move(packed)), cursor_{*packed_, at}, sheet_(std::move(sheet)) {}

    bool next(std::vector<std::string>& fields, int& line, std::string& problem) override {
        const std::size_t start = cursor_.at;
        char tag = 0;
        std::uint32_t number = 0;
        if (!cursor_.u8(tag) || !cursor_.u32(number)) return end_damaged(line, problem);
        line = static_cast<int>(number);
        if (tag == 'e') {
            std::string why;
            if (!cursor_.text(why)) return end_damaged(line, problem);
            problem = std::move(why);
            cursor_.at = start;  // the end stays the end when asked again
            return false;
        }
        std::uint32_t count = 0;
        if (tag != 'r' || !cursor_.u32(count) || count > cursor_.bytes.size() - cursor_.at)
            return end_damaged(line, problem);
        fields.resize(count);
        dates_.assign(count, false);
        for (std::uint32_t i = 0; i < count; ++i) {
            std::uint32_t size = 0;
            if (!cursor_.u32(size)) return end_damaged(line, problem);
            dates_[i] = (size & kDateBit) != 0;
            if (!cursor_.text(size & ~kDateBit, fields[i])) return end_damaged(line, problem);
        }
        return true;
    }

    std::unique_ptr<FleetRecords> fork() const override {
        return std::make_unique<PackedRecords>(packed_, cursor_.at, sheet_);
    }
    bool date_cell(std::size_t i) const override { return i < dates_.size() && dates_[i]; }
    std::string sheet() const override { return sheet_; }

private:
    bool end_damaged(int& line, std::string& problem) {
        problem = std::string("sheet \"") + sheet_ + "\": " + kDamaged;
        line = 0;
        cursor_.at = cursor_.bytes.size();
        return false;
    }

    std::shared_ptr<const std::string> packed_;
    Cursor cursor_;
    std::string sheet_;
    std::vector<bool> dates_;  // of the last record handed out
};

}  // namespace

bool looks_like_zip(std::string_view bytes) {
    return bytes.size() >= 4 && (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
                                 bytes.substr(0, 4) == std::string_view("PK\x05\x06", 4));
}

std::string pack_workbook_error(std::string_view error) { return "E" + std::string(error); }

std::string pack_sheet_names(const std::vector<std::string>& names) {
    std::string out = "N";
    put_u32(out, static_cast<std::uint32_t>(names.size()));
    for (const std::string& name : names) put_text(out, name);
    return out;
}

std::string pack_sheet_records(FleetRecords& records) {
    std::string out = "R";
    put_text(out, records.sheet());
    std::vector<std::string> fields;
    int line = 0;
    std::string problem;
    while (records.next(fields, line, problem)) {
        out += 'r';
        put_u32(out, static_cast<std::uint32_t>(line));
        put_u32(out, static_cast<std::uint32_t>(fields.size()));
        for (std::size_t i = 0; i < fields.size(); ++i) {
            put_u32(out, static_cast<std::uint32_t>(fields[i].size()) | (records.date_cell(i) ? kDateBit : 0));
            out += fields[i];
        }
    }
    out += 'e';
    put_u32(out, static_cast<std::uint32_t>(line));
    put_text(out, problem);
    return out;
}

std::optional<std::vector<std::string>> unpack_sheet_names(std::string_view packed, std::string& error) {
    Cursor cursor;
    if (!open_answer(packed, 'N', cursor, error)) return std::nullopt;
    std::uint32_t count = 0;
    std::vector<std::string> names;
    if (cursor.u32(count) && count <= packed.size()) {
        names.resize(count);
        for (std::string& name : names) cursor.text(name);
    }
    if (cursor.damaged || count > packed.size()) {
        error = kDamaged;
        return std::nullopt;
    }
    return names;
}

std::unique_ptr<FleetRecords> unpack_sheet_records(std::string packed, std::string& error) {
    Cursor cursor;
    if (!open_answer(packed, 'R', cursor, error)) return nullptr;
    std::string sheet;
    if (!cursor.text(sheet)) {
        error = kDamaged;
        return nullptr;
    }
    const std::size_t at = cursor.at;
    return std::make_unique<PackedRecords>(std::make_shared<const std::string>(std::move(packed)), at,
                                           std::move(sheet));
}

FleetParse parse_fleet_sheet(std::unique_ptr<FleetRecords> records, const std::string& open_error,
                             const FleetLimits& limits, const FleetOptions& options) {
    if (!records) {
        FleetParse failed;
        failed.fatal = true;
        failed.errors.push_back({0, "", open_error});
        return failed;
    }
    FleetCsvReader reader(std::move(records), limits, options);
    return parse_fleet_records(reader);
}

}  // namespace apos
