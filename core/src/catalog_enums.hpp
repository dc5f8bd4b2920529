// The names of the catalog's enumerations as they are written in JSON ("onsite-nbd"), one
// table per enumeration: read by the loader, written by to_string (catalog_enums.cpp).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "apos/catalog.hpp"

namespace apos {

template <typename E, std::size_t N>
struct EnumNames {
    std::array<std::pair<E, std::string_view>, N> names;
    std::string_view name(E e) const {
        for (const auto& [value, text] : names)
            if (value == e) return text;
        return "?";
    }
    std::optional<E> parse(std::string_view text) const {
        for (const auto& [value, name_text] : names)
            if (name_text == text) return value;
        return std::nullopt;
    }
    std::string list() const {
        std::string out;
        for (const auto& [value, text] : names) out += (out.empty() ? "" : ", ") + std::string(text);
        return out;
    }
};

constexpr EnumNames<Brand, 4> kBrands{
    {{{Brand::Think, "think"}, {Brand::Idea, "idea"}, {Brand::Lenovo, "lenovo"}, {Brand::Chromebook, "chromebook"}}}};
constexpr EnumNames<Category, 9> kCategories{{{{Category::Notebook, "notebook"},
                                               {Category::Desktop, "desktop"},
                                               {Category::AllInOne, "all-in-one"},
                                               {Category::Tiny, "tiny"},
                                               {Category::Workstation, "workstation"},
                                               {Category::Tablet, "tablet"},
                                               {Category::Monitor, "monitor"},
                                               {Category::Chromebook, "chromebook"},
                                               {Category::Server, "server"}}}};
constexpr EnumNames<ServiceLevel, 9> kLevels{{{{ServiceLevel::MailIn, "mail-in"},
                                               {ServiceLevel::CarryIn, "carry-in"},
                                               {ServiceLevel::Depot, "depot"},
                                               {ServiceLevel::ExpeditedDepot, "expedited-depot"},
                                               {ServiceLevel::Onsite2ndDay, "onsite-2nd-day"},
                                               {ServiceLevel::OnsiteNbd, "onsite-nbd"},
                                               {ServiceLevel::Onsite8h247, "onsite-8h-247"},
                                               {ServiceLevel::Onsite4h95, "onsite-4h-95"},
                                               {ServiceLevel::Onsite4h247, "onsite-4h-247"}}}};
constexpr EnumNames<ServiceLevel, 9> kLevelLabels{{{{ServiceLevel::MailIn, "Mail-in"},
                                                    {ServiceLevel::CarryIn, "Carry-in"},
                                                    {ServiceLevel::Depot, "Depot"},
                                                    {ServiceLevel::ExpeditedDepot, "Expedited Depot"},
                                                    {ServiceLevel::Onsite2ndDay, "Onsite 2nd business day"},
                                                    {ServiceLevel::OnsiteNbd, "Onsite next business day"},
                                                    {ServiceLevel::Onsite8h247, "Onsite 8h 24/7"},
                                                    {ServiceLevel::Onsite4h95, "Onsite 4h 9/5"},
                                                    {ServiceLevel::Onsite4h247, "Onsite 4h 24/7"}}}};
constexpr EnumNames<OfferKind, kOfferKindCount> kKinds{{{{OfferKind::Extension, "extension"},
                                                         {OfferKind::Upgrade, "upgrade"},
                                                         {OfferKind::Adp, "adp"},
                                                         {OfferKind::Kyd, "kyd"},
                                                         {OfferKind::Sbty, "sbty"},
                                                         {OfferKind::Iwu, "iwu"},
                                                         {OfferKind::Premier, "premier"},
                                                         {OfferKind::Ticru, "ticru"},
                                                         {OfferKind::PostWarranty, "post-warranty"},
                                                         {OfferKind::Reinstatement, "reinstatement"},
                                                         {OfferKind::SchoolYear, "school-year"},
                                                         {OfferKind::Deployment, "deployment"},
                                                         {OfferKind::Recovery, "recovery"},
                                                         {OfferKind::Support, "support"},
                                                         {OfferKind::Battery, "battery"}}}};
constexpr EnumNames<Channel, 2> kChannels{{{{Channel::Direct, "direct"}, {Channel::Distributor, "distributor"}}}};
constexpr EnumNames<Condition, 3> kConditions{
    {{{Condition::New, "new"}, {Condition::OpenBox, "open-box"}, {Condition::Refurbished, "refurbished"}}}};
constexpr EnumNames<Segment, 5> kSegments{{{{Segment::Education, "education"},
                                            {Segment::Health, "health"},
                                            {Segment::Government, "government"},
                                            {Segment::Smb, "smb"},
                                            {Segment::Enterprise, "enterprise"}}}};
constexpr EnumNames<Feature, 28> kFeatures{{{{Feature::None, "none"},
                                             {Feature::AdvancedExchange, "advanced-exchange"},
                                             {Feature::Imaging, "imaging"},
                                             {Feature::Encryption, "encryption"},
                                             {Feature::CustomBios, "custom-bios"},
                                             {Feature::LaserEtching, "laser-etching"},
                                             {Feature::FirstBoot, "first-boot"},
                                             {Feature::DropInBox, "drop-in-box"},
                                             {Feature::ManagedInstall, "managed-install"},
                                             {Feature::CloudDeploy, "cloud-deploy"},
                                             {Feature::AssetRecoveryPos, "asset-recovery-pos"},
                                             {Feature::AssetRecoveryStandard, "asset-recovery-standard"},
                                             {Feature::OnlineDataBackup, "online-data-backup"},
                                             {Feature::SmartImage, "smart-image"},
                                             {Feature::DeploymentAutomation, "deployment-automation"},
                                             {Feature::QuickImage, "quick-image"},
                                             {Feature::CloudRecovery, "cloud-recovery"},
                                             {Feature::ImageManagement, "image-management"},
                                             {Feature::AssetTag, "asset-tag"},
                                             {Feature::AssetTagStandalone, "asset-tag-standalone"},
                                             {Feature::Imac, "imac"},
                                             {Feature::WhiteGlove, "white-glove"},
                                             {Feature::AnnualRefresh, "annual-refresh"},
                                             {Feature::HelpDesk, "help-desk"},
                                             {Feature::AccountManager, "account-manager"},
                                             {Feature::Whiteboard, "whiteboard"},
                                             {Feature::Co2Offset, "co2-offset"},
                                             {Feature::ServerSupport, "server-support"}}}};
constexpr EnumNames<LineGroup, 7> kLineGroups{{{{LineGroup::ClientSystem, "client-system"},
                                                {LineGroup::ClientService, "client-service"},
                                                {LineGroup::ClientOption, "client-option"},
                                                {LineGroup::DcgSystem, "dcg-system"},
                                                {LineGroup::DcgOption, "dcg-option"},
                                                {LineGroup::DcgService, "dcg-service"},
                                                {LineGroup::Storage, "storage"}}}};

}  // namespace apos
