// Finding things in a loaded catalog: machine types, offerings, the program table in force,
// a segment's recommendations; and how a catalog error reads.
#include <string>

#include "apos/catalog.hpp"

namespace apos {

const MachineType* Catalog::find_machine_type(std::string_view mtm_or_mt) const {
    if (mtm_or_mt.size() < 4) return nullptr;
    std::string key(mtm_or_mt.substr(0, 4));
    for (char& c : key) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    const auto it = machine_type_index.find(key);
    return it == machine_type_index.end() ? nullptr : &machine_types[it->second];
}

const Offering* Catalog::find_offering(std::string_view id) const {
    const auto it = offering_index.find(std::string(id));
    return it == offering_index.end() ? nullptr : &offerings[it->second];
}

const ProgramTable* Catalog::program_table_on(Date day) const {
    for (const ProgramTable& table : program_tables)
        if (table.effective_from <= day && (!table.effective_until || day <= *table.effective_until)) return &table;
    return nullptr;
}

const SegmentRecommendation* Catalog::recommendation_for(Segment segment) const {
    for (const SegmentRecommendation& r : recommendations)
        if (r.segment == segment) return &r;
    return nullptr;
}

std::string CatalogError::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": " + (path.empty() ? std::string("/") : path) + ": " + message;
    return out;
}

}  // namespace apos
