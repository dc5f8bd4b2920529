// The packed store of a parsed fleet's rows (FleetRows): a fixed record per row, its texts in
// shared blocks (repeated ones once per column), unpacked into a FleetRow when a row is read.
#include <algorithm>
#include <cstring>

#include "apos/fleet.hpp"

namespace apos {

namespace {

// Record::flags
constexpr std::uint8_t kHasPurchaseDate = 1;
constexpr std::uint8_t kHasCoverageEnd = 2;
constexpr std::uint8_t kReplacement = 4;
constexpr std::uint8_t kOtherCounts = 8;  // pages_per_box or install_locations is not the default

// Columns whose texts may be shared; extra column j is kFirstExtraColumn + j.
constexpr std::size_t kMtmColumn = 0;
constexpr std::size_t kCountryColumn = 1;
constexpr std::size_t kCustomerColumn = 2;
constexpr std::size_t kFirstExtraColumn = 3;
// A column keeps at most this many shared texts (a column of asset tags, which never repeat,
// stops there), and only short ones: long texts seldom repeat.
constexpr std::size_t kMostSharedTexts = 16384;
constexpr std::size_t kLongestSharedText = 64;
// What a column's code says: an empty text, the text follows in the row, or shared text
// number (code - kFirstShared).
constexpr std::uint32_t kEmptyText = 0;
constexpr std::uint32_t kTextFollows = 1;
constexpr std::uint32_t kFirstShared = 2;

// Blocks start small (a test's three rows) and grow to a megabyte (a page's million rows).
constexpr std::size_t kFirstBlockBytes = 4096;
constexpr std::size_t kLargestBlockBytes = std::size_t{1} << 20;

// Lengths and counts are written 7 bits a byte, low bits first: one byte below 128.
std::size_t count_bytes(std::size_t n) {
    std::size_t bytes = 1;
    while (n >= 0x80) {
        n >>= 7;
        ++bytes;
    }
    return bytes;
}

char* put_count(char* out, std::size_t n) {
    while (n >= 0x80) {
        *out++ = static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    *out++ = static_cast<char>(n);
    return out;
}

const char* take_count(const char* in, std::size_t& n) {
    n = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = static_cast<unsigned char>(*in++);
        n |= static_cast<std::size_t>(byte & 0x7f) << shift;
        if (byte < 0x80) return in;
    }
}

std::size_t text_bytes(std::string_view text) { return count_bytes(text.size()) + text.size(); }

char* put_text(char* out, std::string_view text) {
    out = put_count(out, text.size());
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

const char* take_text(const char* in, std::string& into) {
    std::size_t length = 0;
    in = take_count(in, length);
    into.assign(in, length);
    return in + length;
}

// A quick hash of a short text, eight bytes at a time (for the shared texts' tables).
std::size_t hash_of(std::string_view text) {
    constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = kMix ^ text.size();
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        h = (h ^ word) * kMix;
        h ^= h >> 32;
    }
    std::uint64_t tail = 0;  // byte by byte: a memcpy of a size not known here is a call in WebAssembly
    for (int shift = 0; i < text.size(); ++i, shift += 8)
        tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i])) << shift;
    h = (h ^ tail) * kMix;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

char* put_int(char* out, int value) {
    std::memcpy(out, &value, sizeof value);
    return out + sizeof value;
}

const char* take_int(const char* in, int& value) {
    std::memcpy(&value, in, sizeof value);
    return in + sizeof value;
}

}  // namespace

FleetRows::FleetRows(const FleetRows& other) { *this = other; }

FleetRows& FleetRows::operator=(const FleetRows& other) {
    if (this == &other) return *this;
    clear();
    reserve(other.size());
    FleetRow row;
    for (std::size_t i = 0; i < other.size(); ++i) {
        other.get(i, row);
        push_back(row);
    }
    return *this;
}

void FleetRows::clear() {
    records_.clear();
    blocks_.clear();
    shared_.clear();
    block_size_ = 0;
    block_used_ = 0;
    text_bytes_ = 0;
    in_line_order_ = true;
}

char* FleetRows::room_for(std::size_t bytes) {
    if (blocks_.empty() || block_size_ - block_used_ < bytes) {
        const std::size_t next = blocks_.empty() ? kFirstBlockBytes : std::min(block_size_ * 2, kLargestBlockBytes);
        block_size_ = std::max(next, bytes);  // a row longer than a block gets a block of its own size
        blocks_.push_back(std::make_unique<char[]>(block_size_));
        block_used_ = 0;
    }
    char* at = blocks_.back().get() + block_used_;
    block_used_ += bytes;
    text_bytes_ += bytes;
    return at;
}

std::size_t FleetRows::bytes_of_texts() const {
    std::size_t bytes = text_bytes_;
    for (const SharedTexts& s : shared_) bytes += s.chars.size();
    return bytes;
}

std::string_view FleetRows::SharedTexts::text(std::uint32_t id) const {
    const std::uint32_t begin = id == 0 ? 0 : ends[id - 1];
    return std::string_view(chars).substr(begin, ends[id] - begin);
}

std::uint32_t FleetRows::share(std::size_t column, std::string_view text) {
    if (text.empty()) return kEmptyText;
    if (text.size() > kLongestSharedText) return kTextFollows;
    if (shared_.size() <= column) shared_.resize(column + 1);
    SharedTexts& s = shared_[column];
    if (s.closed) return kTextFollows;
    if (!s.ends.empty() && s.text(s.last) == text) {
        ++s.hits;
        return kFirstShared + s.last;
    }
    const std::size_t mask = s.slots.size() - 1;
    std::size_t slot = s.slots.empty() ? 0 : hash_of(text) & mask;
    if (!s.slots.empty()) {
        for (; s.slots[slot] != 0; slot = (slot + 1) & mask) {
            const std::uint32_t id = s.slots[slot] - 1;
            if (s.text(id) == text) {
                ++s.hits;
                s.last = id;
                return kFirstShared + id;
            }
        }
    }
    if (s.ends.size() >= kMostSharedTexts) {
        // A full table of texts that seldom came again (serials, asset tags): stop looking.
        if (s.hits < s.ends.size()) s.closed = true;
        return kTextFollows;
    }
    s.chars += text;
    s.last = static_cast<std::uint32_t>(s.ends.size());
    s.ends.push_back(static_cast<std::uint32_t>(s.chars.size()));
    if (s.ends.size() * 2 > s.slots.size()) {
        // Twice the slots, at most half full: every text placed again.
        s.slots.assign(std::max<std::size_t>(64, s.slots.size() * 2), 0);
        const std::size_t new_mask = s.slots.size() - 1;
        for (std::uint32_t id = 0; id < s.ends.size(); ++id) {
            std::size_t at = hash_of(s.text(id)) & new_mask;
            while (s.slots[at] != 0) at = (at + 1) & new_mask;
            s.slots[at] = id + 1;
        }
    } else {
        s.slots[slot] = s.last + 1;
    }
    return kFirstShared + s.last;
}

const char* FleetRows::take_shared(const char* in, std::size_t column, std::string& into) const {
    std::size_t code = 0;
    in = take_count(in, code);
    if (code == kEmptyText) into.clear();
    else if (code == kTextFollows) in = take_text(in, into);
    else into.assign(shared_[column].text(static_cast<std::uint32_t>(code - kFirstShared)));
    return in;
}

void FleetRows::push_back(const FleetRow& row) {
    const DeviceInput& d = row.device;
    Record r;
    r.line = row.line;
    r.ship_date = d.ship_date;
    r.purchase_date = d.purchase_date.value_or(Date{});
    r.coverage_end = d.coverage_end.value_or(Date{});
    r.quantity = d.quantity;
    r.channel = static_cast<std::uint8_t>(d.channel);
    r.condition = static_cast<std::uint8_t>(d.condition);
    r.segment = static_cast<std::uint8_t>(d.segment);
    const bool other_counts =
        d.pages_per_box != DeviceInput{}.pages_per_box || d.install_locations != DeviceInput{}.install_locations;
    r.flags =
        static_cast<std::uint8_t>((d.purchase_date ? kHasPurchaseDate : 0) | (d.coverage_end ? kHasCoverageEnd : 0) |
                                  (d.replacement ? kReplacement : 0) | (other_counts ? kOtherCounts : 0));

    // The texts: serial and follow-up as they are, then each column that may share its text (its
    // code, and the text itself when it is not shared), the services and the uncommon counts.
    // Shared texts are stored first, so that the row's own bytes are one piece.
    std::uint32_t codes[kFirstExtraColumn];
    const std::string_view columns[kFirstExtraColumn] = {d.mtm, d.country, row.customer};
    extra_codes_.resize(row.extra.size());
    std::size_t bytes = text_bytes(d.serial) + text_bytes(row.follow_up) + count_bytes(row.extra.size()) +
                        count_bytes(d.services_held.size()) + d.services_held.size() +
                        (other_counts ? 2 * sizeof(int) : 0);
    const auto add_column = [&](std::size_t column, std::string_view text) {
        const std::uint32_t code = share(column, text);
        bytes += count_bytes(code) + (code == kTextFollows ? text_bytes(text) : 0);
        return code;
    };
    for (std::size_t c = 0; c < kFirstExtraColumn; ++c) codes[c] = add_column(c, columns[c]);
    for (std::size_t j = 0; j < row.extra.size(); ++j)
        extra_codes_[j] = add_column(kFirstExtraColumn + j, row.extra[j]);

    char* out = room_for(bytes);
    r.texts = out;
    const auto put_column = [&](std::uint32_t code, std::string_view text) {
        out = put_count(out, code);
        if (code == kTextFollows) out = put_text(out, text);
    };
    out = put_text(out, d.serial);
    out = put_text(out, row.follow_up);  // second: follow_up() reads it in place
    for (std::size_t c = 0; c < kFirstExtraColumn; ++c) put_column(codes[c], columns[c]);
    out = put_count(out, row.extra.size());
    for (std::size_t j = 0; j < row.extra.size(); ++j) put_column(extra_codes_[j], row.extra[j]);
    out = put_count(out, d.services_held.size());
    for (const OfferKind kind : d.services_held) *out++ = static_cast<char>(kind);
    if (other_counts) {
        out = put_int(out, d.pages_per_box);
        out = put_int(out, d.install_locations);
    }

    if (!records_.empty() && row.line < records_.back().line) in_line_order_ = false;
    records_.push_back(r);
}

void FleetRows::get(std::size_t i, FleetRow& into) const {
    const Record& r = records_[i];
    DeviceInput& d = into.device;
    into.line = r.line;
    d.ship_date = r.ship_date;
    d.purchase_date = (r.flags & kHasPurchaseDate) ? std::optional(r.purchase_date) : std::nullopt;
    d.coverage_end = (r.flags & kHasCoverageEnd) ? std::optional(r.coverage_end) : std::nullopt;
    d.quantity = r.quantity;
    d.channel = static_cast<Channel>(r.channel);
    d.condition = static_cast<Condition>(r.condition);
    d.segment = static_cast<Segment>(r.segment);
    d.replacement = (r.flags & kReplacement) != 0;

    const char* in = r.texts;
    in = take_text(in, d.serial);
    in = take_text(in, into.follow_up);
    in = take_shared(in, kMtmColumn, d.mtm);
    in = take_shared(in, kCountryColumn, d.country);
    in = take_shared(in, kCustomerColumn, into.customer);
    std::size_t count = 0;
    in = take_count(in, count);
    into.extra.resize(count);
    for (std::size_t j = 0; j < count; ++j) in = take_shared(in, kFirstExtraColumn + j, into.extra[j]);
    in = take_count(in, count);
    d.services_held.resize(count);
    for (OfferKind& kind : d.services_held) kind = static_cast<OfferKind>(static_cast<unsigned char>(*in++));
    d.pages_per_box = DeviceInput{}.pages_per_box;
    d.install_locations = DeviceInput{}.install_locations;
    if (r.flags & kOtherCounts) {
        in = take_int(in, d.pages_per_box);
        take_int(in, d.install_locations);
    }
}

std::string_view FleetRows::follow_up(std::size_t i) const {
    const char* in = records_[i].texts;
    std::size_t length = 0;
    in = take_count(in, length);  // the serial
    in = take_count(in + length, length);
    return {in, length};
}

FleetRow FleetRows::operator[](std::size_t i) const {
    FleetRow row;
    get(i, row);
    return row;
}

std::optional<std::size_t> FleetRows::index_of_line(int line) const {
    if (in_line_order_) {
        const auto it =
            std::lower_bound(records_.begin(), records_.end(), line, [](const Record& r, int l) { return r.line < l; });
        if (it != records_.end() && it->line == line) return static_cast<std::size_t>(it - records_.begin());
        return std::nullopt;
    }
    for (std::size_t i = 0; i < records_.size(); ++i)
        if (records_[i].line == line) return i;
    return std::nullopt;
}

std::optional<FleetRow> FleetRows::find_line(int line) const {
    const std::optional<std::size_t> i = index_of_line(line);
    if (!i) return std::nullopt;
    return (*this)[*i];
}

}  // namespace apos
