// Factory, deployment and project services, sold per order rather than per unit's warranty:
// FAC-MIN-QTY, ETCH-LID, FBS-VOLUME, DIB-PAGES, MI-MIN-QTY, ARS-POS, ARS-STD, CLOUD-DEPLOY, OLDB-PILOT,
// DEP-THINK-ONLY, QI-NEW-SYSTEMS, IMAC-COUNTRY, WHITE-GLOVE-CB, WB-APPROVAL.
#include "rule_support.hpp"

#include <algorithm>

namespace apos::rules {

// "Think PC devices" (G:806, 1044, 1099, 1184): a Think computer; a Tiny-in-One monitor is not a PC.
bool is_think_pc(const MachineType& type) { return type.brand == Brand::Think && type.category != Category::Monitor; }

namespace {

bool has_feature(const RuleInput& in, Feature feature) { return in.offering.feature == feature; }

// Factory-line work and asset recovery at point of sale are bought with the hardware, not a year on:
// from the system purchase to point_of_sale_days after it (the guide gives no number; assumed).
DateRange point_of_sale_window(const Policy& policy, const DeviceFacts& device) {
    return {device.system_purchase, device.system_purchase.plus_days(policy.point_of_sale_days)};
}

// Blocks a service sold with the hardware once its window has passed; otherwise keeps `answer`
// (a pass or a note) and attaches the window, so the offer shows until when it can be bought.
RuleOutcome with_the_hardware(const RuleInput& in, std::string_view service, RuleOutcome answer) {
    const DateRange window = point_of_sale_window(in.catalog.policy, in.device);
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string(service) + " must be bought with the hardware: on the system purchase (" +
                   window.from.to_string() + ") or within " + std::to_string(in.catalog.policy.point_of_sale_days) +
                   " days of it; that ended on " + window.until.to_string() + ".";
        });
    answer.window = window;
    answer.changes_on = window.until.plus_days(1);
    return answer;
}

// FAC-MIN-QTY: factory work needs an order of more than 99 Think PCs (etching: ThinkPad lids, so
// notebooks), placed with the hardware since it is done on the manufacturing line. The guide counts
// the customer's order, so every item of the quote adds its Think units.
RuleOutcome factory_minimum(const RuleInput& in) {
    const Feature f = in.offering.feature;
    if (f != Feature::Imaging && f != Feature::Encryption && f != Feature::CustomBios && f != Feature::LaserEtching)
        return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (!is_think_pc(type))
        return block(in, [&] {
            return std::string("Factory services are sold for Think PCs only; " + type.name + " is not one.");
        });
    if (f == Feature::LaserEtching && !(series_is(type, "ThinkPad") && type.category == Category::Notebook))
        return block(
            in, [&] { return std::string("Laser etching is done on ThinkPad lids only, so on ThinkPad notebooks."); });
    const int least = in.catalog.policy.factory_min_units;
    if (in.order_think_units < least)
        return block(in,
                     [&] {
                         return std::string("Factory services need an order of at least " + std::to_string(least) +
                                            " Think units; this one has " + std::to_string(in.order_think_units) + ".");
                     })
            .with(Fix::quantity_of(in.device.input.quantity + least - in.order_think_units));
    return with_the_hardware(in, "Factory work", RuleOutcome::pass());
}

// ETCH-LID: etching is done on ThinkPad lids, and the lid material of some ThinkPads cannot take it
// (machine types flagged lid_etchable: false).
RuleOutcome etch_lid(const RuleInput& in) {
    if (!has_feature(in, Feature::LaserEtching)) return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (type.lid_etchable) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string("The lid of " + type.name + " is made of a material that cannot be laser etched.");
    });
}

// DEP-THINK-ONLY: Smart Image, Advanced Deployment Services and system asset tags work on
// Think-branded systems only; the stand-alone tag is the one for any other device.
RuleOutcome deploy_think_only(const RuleInput& in) {
    const Feature f = in.offering.feature;
    if (f != Feature::SmartImage && f != Feature::DeploymentAutomation && f != Feature::AssetTag)
        return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (type.brand == Brand::Think) return RuleOutcome::pass();
    return block(in, [&] {
        return in.offering.name + " is made for Think-branded systems; " + type.name + " is not one." +
               (f == Feature::AssetTag ? " A stand-alone asset tag fits any device." : "");
    });
}

// QI-NEW-SYSTEMS: Quick Image's approved image is released to manufacturing and loaded before the
// unit ships, so it is bought with a new system, in the same window as the other factory work.
RuleOutcome quick_image_new_systems(const RuleInput& in) {
    if (!has_feature(in, Feature::QuickImage)) return RuleOutcome::pass();
    if (in.device.input.condition != Condition::New)
        return block(in, [&] {
            return std::string("Quick Image is loaded in manufacturing onto new systems; a " +
                               std::string(to_string(in.device.input.condition)) + " unit has already shipped.");
        });
    return with_the_hardware(in, "Quick Image", RuleOutcome::pass());
}

// IMAC-COUNTRY: Install, Move, Add, Change work is delivered in the United States and Canada only.
RuleOutcome imac_country(const RuleInput& in) {
    if (!has_feature(in, Feature::Imac)) return RuleOutcome::pass();
    const auto& countries = in.catalog.policy.imac_countries;
    if (std::find(countries.begin(), countries.end(), in.device.input.country) != countries.end())
        return RuleOutcome::pass();
    return block(in, [&] {
        return std::string("IMAC services are delivered in the United States and Canada only, not in " +
                           in.device.input.country + ".");
    });
}

// WHITE-GLOVE-CB: Chromebook White Glove rolls out Chromebooks, enrolled in the Google console.
RuleOutcome white_glove_chromebook(const RuleInput& in) {
    if (!has_feature(in, Feature::WhiteGlove)) return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (type.brand == Brand::Chromebook || type.category == Category::Chromebook) return RuleOutcome::pass();
    return block(
        in, [&] { return std::string("Chromebook White Glove is for Chromebooks; " + type.name + " is not one."); });
}

// WB-APPROVAL: the Whiteboard Session costs nothing, but Lenovo's technical team approves each
// customer and may ask for a minimum number of seats (the guide gives no number).
RuleOutcome whiteboard_approval(const RuleInput& in) {
    if (!has_feature(in, Feature::Whiteboard)) return RuleOutcome::pass();
    return needs_approval(in, [&] {
        return std::string(
            "Free of charge for qualifying customers: Lenovo's technical team approves each session and may "
            "ask for a minimum number of seats (" +
            std::to_string(in.device.input.quantity) + " on this item).");
    });
}

// FBS-VOLUME: First Boot Services run in manufacturing on Think PCs; any order size, and the
// savings grow past 99 units (advice only).
RuleOutcome first_boot_volume(const RuleInput& in) {
    if (!has_feature(in, Feature::FirstBoot)) return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (!is_think_pc(type))
        return block(in, [&] {
            return std::string("First Boot Services are sold for Think PCs only; " + type.name + " is not one.");
        });
    const int volume = in.catalog.policy.first_boot_volume_units;
    if (in.device.input.quantity >= volume)
        return with_the_hardware(in, "First Boot Services", note(in, [&] {
                                     return std::string("At " + std::to_string(in.device.input.quantity) +
                                                        " units the savings are at their best.");
                                 }));
    return with_the_hardware(in, "First Boot Services", note(in, [&] {
                                 return std::string("Works for any order size; the savings are largest from " +
                                                    std::to_string(volume) + " units.");
                             }));
}

// DIB-PAGES: Drop-in-the-Box documents are limited in pages, on Think systems, and go into the
// box before it leaves the factory.
RuleOutcome drop_in_box_pages(const RuleInput& in) {
    if (!has_feature(in, Feature::DropInBox)) return RuleOutcome::pass();
    if (in.device.machine_type->brand != Brand::Think)
        return block(in, [&] { return std::string("Drop-in-the-Box is offered on Think systems only."); });
    const int most = in.catalog.policy.drop_in_box_max_pages;
    if (in.device.input.pages_per_box > most)
        return block(in, [&] {
            return std::string("A box takes at most " + std::to_string(most) + " pages; " +
                               std::to_string(in.device.input.pages_per_box) + " were asked.");
        });
    return with_the_hardware(in, "Drop-in-the-Box", note(in, [&] {
                                 return std::string("Up to " + std::to_string(most) + " pages of documents per box.");
                             }));
}

// MI-MIN-QTY: managed installation needs enough units at each location.
RuleOutcome managed_install_minimum(const RuleInput& in) {
    if (!has_feature(in, Feature::ManagedInstall)) return RuleOutcome::pass();
    const int least = in.catalog.policy.managed_install_min_units;
    const int locations = in.device.input.install_locations < 1 ? 1 : in.device.input.install_locations;
    if (in.device.input.quantity < least * locations)
        return block(in,
                     [&] {
                         return std::string("Managed installation needs at least " + std::to_string(least) +
                                            " units per location (" + std::to_string(locations) + " location" +
                                            (locations == 1 ? "" : "s") + ", " +
                                            std::to_string(in.device.input.quantity) + " units).");
                     })
            .with(Fix::quantity_of(std::int64_t{least} * locations));
    return RuleOutcome::pass();
}

// ARS-POS: asset recovery bought with the hardware: 10 units per site, up to 5 years, and only at the
// point of sale.
RuleOutcome asset_recovery_pos(const RuleInput& in) {
    if (!has_feature(in, Feature::AssetRecoveryPos)) return RuleOutcome::pass();
    const Policy& policy = in.catalog.policy;
    const int sites = in.device.input.install_locations < 1 ? 1 : in.device.input.install_locations;
    if (in.device.input.quantity < policy.asset_recovery_pos_min_units * sites)
        return block(in,
                     [&] {
                         return std::string("Asset recovery at point of sale needs at least " +
                                            std::to_string(policy.asset_recovery_pos_min_units) +
                                            " units per pickup site (" + std::to_string(sites) +
                                            (sites == 1 ? " site, " : " sites, ") +
                                            std::to_string(in.device.input.quantity) + " units).");
                     })
            .with(Fix::quantity_of(std::int64_t{policy.asset_recovery_pos_min_units} * sites));
    if (in.term_years > policy.asset_recovery_pos_max_years)
        return block(in,
                     [&] {
                         return std::string("Asset recovery at point of sale runs at most " +
                                            years_text(policy.asset_recovery_pos_max_years) + ".");
                     })
            .with(Fix::term(policy.asset_recovery_pos_max_years));
    return with_the_hardware(in, "Asset recovery at point of sale", note(in, [&] {
                                 return std::string("One price for any desktop, notebook, workstation or server.");
                             }));
}

// ARS-STD: standard asset recovery suits customers retiring about 500 units a year (advice).
RuleOutcome asset_recovery_standard(const RuleInput& in) {
    if (!has_feature(in, Feature::AssetRecoveryStandard)) return RuleOutcome::pass();
    const int typical = in.catalog.policy.asset_recovery_standard_units;
    if (in.device.input.quantity >= typical) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("Standard asset recovery fits customers who retire about " + std::to_string(typical) +
                           " units a year or more; for smaller volumes consider recovery at point of sale.");
    });
}

// CLOUD-DEPLOY: aimed at large estates (advice).
RuleOutcome cloud_deploy_size(const RuleInput& in) {
    if (!has_feature(in, Feature::CloudDeploy)) return RuleOutcome::pass();
    const int seats = in.catalog.policy.cloud_deploy_min_seats;
    if (in.device.input.quantity > seats) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("Cloud Deploy is aimed at customers with more than " + std::to_string(seats) + " seats.");
    });
}

// OLDB-PILOT: tell the partner about the free pilot.
RuleOutcome online_backup_pilot(const RuleInput& in) {
    if (!has_feature(in, Feature::OnlineDataBackup)) return RuleOutcome::pass();
    const Policy& p = in.catalog.policy;
    return note(in, [&] {
        return std::string("A free " + std::to_string(p.online_backup_pilot_days) +
                           "-day pilot is available: " + std::to_string(p.online_backup_pilot_licences) +
                           " licences, " + std::to_string(p.online_backup_pilot_gb) + " GB.");
    });
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_project_service_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"FAC-MIN-QTY",
                     "G:1044, 1099, 1184, 1341-1350, 941-949",
                     "Factory services: more than 99 Think PCs, ordered with the hardware.",
                     {K::Deployment},
                     rules::factory_minimum});
    rules.push_back({"ETCH-LID",
                     "G:1341-1345",
                     "Laser etching: not on ThinkPads whose lid material cannot be etched.",
                     {K::Deployment},
                     rules::etch_lid,
                     RuleReads::ProductOnly});
    rules.push_back({"DEP-THINK-ONLY",
                     "G:572-575, 603-607, 1211-1213",
                     "Smart Image, Advanced Deployment Services and system asset tags: Think-branded systems only.",
                     {K::Deployment},
                     rules::deploy_think_only,
                     RuleReads::ProductOnly});
    rules.push_back({"QI-NEW-SYSTEMS",
                     "G:857-864",
                     "Quick Image: loaded in manufacturing, so bought with a new system within the point-of-sale "
                     "window.",
                     {K::Deployment},
                     rules::quick_image_new_systems});
    rules.push_back({"IMAC-COUNTRY",
                     "G:1424",
                     "IMAC services: United States and Canada only.",
                     {K::Deployment},
                     rules::imac_country,
                     RuleReads::ProductOnly});
    rules.push_back({"WHITE-GLOVE-CB",
                     "G:3963-3967",
                     "Chromebook White Glove: Chromebooks only.",
                     {K::Deployment},
                     rules::white_glove_chromebook,
                     RuleReads::ProductOnly});
    rules.push_back({"WB-APPROVAL",
                     "G:215-228",
                     "Whiteboard Session: free, approved case by case, may need a minimum of seats.",
                     {K::Support},
                     rules::whiteboard_approval});
    rules.push_back({"FBS-VOLUME",
                     "G:660, 804-806",
                     "First Boot Services: Think PCs, any size, best above 99 units, with the hardware.",
                     {K::Deployment},
                     rules::first_boot_volume});
    rules.push_back({"DIB-PAGES",
                     "G:1116-1125",
                     "Drop-in-the-Box: up to 20 pages, Think systems, with the hardware.",
                     {K::Deployment},
                     rules::drop_in_box_pages});
    rules.push_back({"MI-MIN-QTY",
                     "G:1584",
                     "Managed installation: 25 units per location.",
                     {K::Deployment},
                     rules::managed_install_minimum});
    rules.push_back({"ARS-POS",
                     "G:1674-1691",
                     "Asset recovery at point of sale: 10 units per site, up to 5 years, with the hardware.",
                     {K::Recovery},
                     rules::asset_recovery_pos});
    rules.push_back({"ARS-STD",
                     "G:1795",
                     "Standard asset recovery suits about 500 units a year.",
                     {K::Recovery},
                     rules::asset_recovery_standard});
    rules.push_back({"CLOUD-DEPLOY",
                     "G:842",
                     "Cloud Deploy suits more than 4,000 seats.",
                     {K::Deployment},
                     rules::cloud_deploy_size});
    rules.push_back({"OLDB-PILOT",
                     "G:2766-2768",
                     "Online Data Backup: free 30-day pilot.",
                     {K::Support},
                     rules::online_backup_pilot,
                     RuleReads::ProductOnly});
}

}  // namespace apos
