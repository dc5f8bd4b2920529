// Enumerations to and from their JSON names (the tables are in catalog_enums.hpp).
#include "catalog_enums.hpp"

namespace apos {

std::string_view to_string(Brand v) { return kBrands.name(v); }
std::string_view to_string(Category v) { return kCategories.name(v); }
std::string_view to_string(ServiceLevel v) { return kLevels.name(v); }
std::string_view to_string(OfferKind v) { return kKinds.name(v); }
std::string_view to_string(Channel v) { return kChannels.name(v); }
std::string_view to_string(Condition v) { return kConditions.name(v); }
std::string_view to_string(Segment v) { return kSegments.name(v); }
std::string_view to_string(Feature v) { return kFeatures.name(v); }
std::string_view to_string(LineGroup v) { return kLineGroups.name(v); }
std::string_view level_label(ServiceLevel v) { return kLevelLabels.name(v); }
std::optional<Brand> parse_brand(std::string_view t) { return kBrands.parse(t); }
std::optional<Category> parse_category(std::string_view t) { return kCategories.parse(t); }
std::optional<ServiceLevel> parse_service_level(std::string_view t) { return kLevels.parse(t); }
std::optional<OfferKind> parse_offer_kind(std::string_view t) { return kKinds.parse(t); }
std::optional<Channel> parse_channel(std::string_view t) { return kChannels.parse(t); }
std::optional<Condition> parse_condition(std::string_view t) { return kConditions.parse(t); }
std::optional<Segment> parse_segment(std::string_view t) { return kSegments.parse(t); }
std::optional<Feature> parse_feature(std::string_view t) { return kFeatures.parse(t); }
std::optional<LineGroup> parse_line_group(std::string_view t) { return kLineGroups.parse(t); }

}  // namespace apos
