// The fleet plan: renewal offers judged once per product by the product-only rules and priced,
// then per unit only the unit's dates and the rules that read the unit.
#include "apos/fleet_plan.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "fleet_unit_builder.hpp"
#include "rules/rule_support.hpp"

namespace apos {
namespace {

// The product a device is: everything product-only rules may read (see RuleReads).
struct ProductKey {
    std::uint32_t machine_type = 0;  // the 4 characters that pick the machine type, upper case
    std::uint16_t country = 0;
    std::uint8_t channel = 0;
    std::uint8_t condition = 0;
    std::uint8_t segment = 0;
    std::uint8_t replacement = 0;
    friend bool operator==(const ProductKey&, const ProductKey&) = default;
};

struct ProductKeyHash {  // a mix of every field, spread over all bits
    std::size_t operator()(const ProductKey& k) const {
        std::uint64_t h =
            (static_cast<std::uint64_t>(k.machine_type) << 32) | (static_cast<std::uint64_t>(k.country) << 16) |
            (static_cast<std::uint64_t>(k.channel) << 12) | (static_cast<std::uint64_t>(k.condition) << 8) |
            (static_cast<std::uint64_t>(k.segment) << 4) | k.replacement;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
        return static_cast<std::size_t>(h);
    }
};

// No key for anything unusual (a machine type the resolver may refuse on a later character, a
// country that is not two letters): such a device takes the reference path on its own.
std::optional<ProductKey> product_key(const DeviceInput& d) {
    if (d.mtm.size() < 4 || d.mtm.size() > 10 || d.country.size() != 2) return std::nullopt;
    auto ascii_alnum = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    };
    for (char c : d.mtm)
        if (!ascii_alnum(c)) return std::nullopt;
    ProductKey key;
    for (std::size_t i = 0; i < 4; ++i) {
        const char c = d.mtm[i];
        key.machine_type =
            (key.machine_type << 8) | static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    key.country = static_cast<std::uint16_t>((static_cast<unsigned char>(d.country[0]) << 8) |
                                             static_cast<unsigned char>(d.country[1]));
    key.channel = static_cast<std::uint8_t>(d.channel);
    key.condition = static_cast<std::uint8_t>(d.condition);
    key.segment = static_cast<std::uint8_t>(d.segment);
    key.replacement = d.replacement ? 1 : 0;
    return key;
}

// One offering at one term for one product: what the product-only rules said, and the rules
// left for each unit.
struct ProductOffer {
    const Offering* offering = nullptr;
    int term_years = 0;
    bool blocked = false;   // by a product-only rule, or no price
    bool approval = false;  // a product-only rule asks for approval
    std::optional<DateRange> window;
    std::optional<Money> unit_price;
    OfferKind kind = OfferKind::Extension;
    std::size_t group = 0;  // its place in Product::groups (open offers only)
};

// The open offers of one kind and term: the rules that read only the offer's kind judge them all
// at once for a unit.
struct OfferGroup {
    const Offering* first = nullptr;  // any offering of the group will do for those rules
    int term_years = 0;
    std::size_t kind = 0;  // its place in Product::kinds
};

// The open offers of one kind, whatever their term: the rules that read neither the offering nor
// its term judge them all at once for a unit.
struct OfferKindGroup {
    const Offering* first = nullptr;
    int term_years = 0;  // any term of the kind will do for those rules
};

struct Product {
    DeviceFacts facts;  // machine type and product facts; the unit fields are the first unit's
    bool think_pc = false;
    std::vector<ProductOffer> offers;   // every renewal offer, catalog order
    std::vector<std::size_t> open;      // indices of offers a unit may still buy
    std::vector<OfferGroup> groups;     // the open offers by kind and term
    std::vector<OfferKindGroup> kinds;  // the open offers by kind
};

// Products by key: open addressing in one array (a unit's lookup touches one or two slots, not a
// chain of nodes). Fleets hold some thousands of products; the table doubles at half full.
class ProductTable {
public:
    Product* find(const ProductKey& key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = ProductKeyHash{}(key)&mask();; i = (i + 1) & mask()) {
            if (!slots_[i].product) return nullptr;
            if (slots_[i].key == key) return slots_[i].product;
        }
    }
    Product* insert(const ProductKey& key, std::unique_ptr<Product> product) {
        if (2 * (owned_.size() + 1) > slots_.size()) grow();
        owned_.push_back(std::move(product));
        place(key, owned_.back().get());
        return owned_.back().get();
    }
    std::size_t size() const { return owned_.size(); }

private:
    struct Slot {
        ProductKey key;
        Product* product = nullptr;
    };
    std::size_t mask() const { return slots_.size() - 1; }
    void place(const ProductKey& key, Product* product) {
        std::size_t i = ProductKeyHash{}(key)&mask();
        while (slots_[i].product) i = (i + 1) & mask();
        slots_[i] = {key, product};
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>(64, 2 * old.size()), Slot{});
        for (const Slot& s : old)
            if (s.product) place(s.key, s.product);
    }

    std::vector<Slot> slots_;
    std::vector<std::unique_ptr<Product>> owned_;
};

std::optional<DateRange> intersect(const std::optional<DateRange>& a, const DateRange& b) {
    if (!a) return b;
    return DateRange{std::max(a->from, b.from), std::min(a->until, b.until)};
}

}  // namespace

struct FleetPlan::Impl {
    Impl(const Catalog& c, Date day) : catalog(c), as_of(day) {
        for (std::size_t k = 0; k < kOfferKindCount; ++k)
            for (const Rule* rule : rules_for(static_cast<OfferKind>(k)))
                if (rule->reads == RuleReads::TheUnitAndTheOffersKindNotItsTerm)
                    kind_alone_rules[k].push_back({rule, 0});
                else if (rule->reads == RuleReads::TheUnitAndTheOffersKind) kind_rules[k].push_back({rule, 0});
                else if (rule->reads == RuleReads::TheUnit) offer_rules[k].push_back({rule, 0});
    }

    // A unit rule and how many offers it has refused so far. Refusals end an offer's judgement
    // early (a refused offer sells nothing, whatever the other rules say), so the rules that
    // refuse most go first; the order changes how soon a "no" is known, never the answer.
    struct UnitRule {
        const Rule* rule = nullptr;
        std::uint64_t refusals = 0;
    };

    const Catalog& catalog;
    Date as_of;
    // The rules that read the unit, by offer kind: those that read only the offer's kind and not
    // its term, those that read the kind and term, and the others.
    std::array<std::vector<UnitRule>, kOfferKindCount> kind_alone_rules;
    std::array<std::vector<UnitRule>, kOfferKindCount> kind_rules;
    std::array<std::vector<UnitRule>, kOfferKindCount> offer_rules;
    std::uint64_t units_seen = 0;  // by evaluate, for reorder_rules
    ProductTable products;
    DeviceFacts scratch;  // the unit being evaluated (reused: no allocation per unit)

    // The product of this device, compiled on first sight; null when the device cannot be
    // resolved (then `error` says why) or takes the reference path (no key).
    const Product* product_of(const DeviceInput& input, std::optional<DeviceError>& error) {
        const std::optional<ProductKey> key = product_key(input);
        if (!key) return nullptr;
        if (const Product* known = products.find(*key)) return known;
        DeviceResolution resolved = resolve_device(catalog, input);
        if (!resolved.facts) {
            error = std::move(resolved.error);
            return nullptr;
        }
        auto product = std::make_unique<Product>();
        product->facts = std::move(*resolved.facts);
        product->facts.notes.clear();
        product->think_pc = rules::is_think_pc(*product->facts.machine_type);
        compile(*product);
        return products.insert(*key, std::move(product));
    }

    void compile(Product& product) const {
        const DeviceFacts& facts = product.facts;
        for (const Offering& offering : catalog.offerings) {
            if (!fleet_detail::renewal_kind(offering.kind)) continue;
            const std::vector<const Rule*>& rules = rules_for(offering.kind);
            for (int term : offering.terms) {
                ProductOffer offer;
                offer.offering = &offering;
                offer.term_years = term;
                offer.kind = offering.kind;
                const RuleInput in{catalog, facts, offering,          term,
                                   as_of,   {},    /*explain=*/false, product.think_pc ? facts.input.quantity : 0};
                for (const Rule* rule : rules) {
                    if (rule->reads != RuleReads::ProductOnly) continue;
                    const RuleOutcome outcome = rule->check(in);
                    if (outcome.window) offer.window = intersect(offer.window, *outcome.window);
                    offer.blocked = offer.blocked || outcome.verdict == Verdict::Block;
                    offer.approval = offer.approval || outcome.verdict == Verdict::NeedsApproval;
                }
                offer.unit_price = offer_list_price(catalog, facts, offering, term);
                if (!offer.unit_price) offer.blocked = true;
                if (!offer.blocked && !offer.approval) {
                    const auto group = std::find_if(
                        product.groups.begin(), product.groups.end(),
                        [&](const OfferGroup& g) { return g.first->kind == offering.kind && g.term_years == term; });
                    offer.group = static_cast<std::size_t>(group - product.groups.begin());
                    if (group == product.groups.end())
                        product.groups.push_back({&offering, term, kind_of(product, offering, term)});
                    product.open.push_back(product.offers.size());
                }
                product.offers.push_back(offer);
            }
        }
    }

    // The place in product.kinds of the offering's kind, added when new.
    static std::size_t kind_of(Product& product, const Offering& offering, int term) {
        const auto kind = std::find_if(product.kinds.begin(), product.kinds.end(),
                                       [&](const OfferKindGroup& k) { return k.first->kind == offering.kind; });
        if (kind != product.kinds.end()) return static_cast<std::size_t>(kind - product.kinds.begin());
        product.kinds.push_back({&offering, term});
        return product.kinds.size() - 1;
    }

    // Sets the scratch facts to this unit of `product`; the unit's own error, if any.
    std::optional<DeviceError> unit_facts(const Product& product, const DeviceInput& input) {
        const DeviceFacts& p = product.facts;
        scratch.machine_type = p.machine_type;
        scratch.input = input;  // copy assignment reuses the strings' and vectors' storage
        scratch.base_years = p.base_years;
        scratch.base_level = p.base_level;
        scratch.cap_years = p.cap_years;
        return resolve_unit_facts(catalog.policy, scratch, nullptr);
    }

    // The scratch unit's rule input for an offering at a term.
    RuleInput input_for(const Product& product, const Offering& offering, int term_years) {
        return RuleInput{catalog, scratch, offering,          term_years,
                         as_of,   {},      /*explain=*/false, product.think_pc ? scratch.input.quantity : 0};
    }

    // What some unit rules say together: refused, else needs approval, and the window they leave.
    struct Judgement {
        bool blocked = false;
        bool approval = false;
        std::optional<DateRange> window;
    };
    // With `stop_at_refusal` the first refusal ends it (the window is then not the whole story).
    static void apply(std::vector<UnitRule>& rules, const RuleInput& in, bool stop_at_refusal, Judgement& j) {
        for (UnitRule& unit_rule : rules) {
            const RuleOutcome outcome = unit_rule.rule->check(in);
            if (outcome.window) j.window = intersect(j.window, *outcome.window);
            if (outcome.verdict == Verdict::Block) {
                j.blocked = true;
                ++unit_rule.refusals;
                if (stop_at_refusal) return;
            }
            j.approval = j.approval || outcome.verdict == Verdict::NeedsApproval;
        }
    }

    // Every unit rule on one offer, none skipped: its status and window (the product's part already in).
    PlannedOffer judge(const Product& product, const ProductOffer& offer) {
        Judgement j{offer.blocked, offer.approval, offer.window};
        const RuleInput in = input_for(product, *offer.offering, offer.term_years);
        const auto kind = static_cast<std::size_t>(offer.kind);
        apply(kind_alone_rules[kind], in, /*stop_at_refusal=*/false, j);
        apply(kind_rules[kind], in, /*stop_at_refusal=*/false, j);
        apply(offer_rules[kind], in, /*stop_at_refusal=*/false, j);
        return {offer.offering, offer.term_years, status_of(j), j.window, offer.unit_price};
    }

    static OfferStatus status_of(const Judgement& j) {
        return j.blocked ? OfferStatus::Ineligible : j.approval ? OfferStatus::NeedsApproval : OfferStatus::Eligible;
    }

    // The scratch unit's eligible offers of `product`, in catalog order: each kind is judged once
    // by the rules that read neither offering nor term, then each group of one kind and term still
    // eligible by the rules that read the kind and term, each stopping at the first refusal; the
    // offers of a group still open then meet the other unit rules one by one.
    template <typename Eligible>
    void each_eligible(const Product& product, Eligible&& eligible) {
        kind_judgements.resize(product.kinds.size());
        for (std::size_t k = 0; k < product.kinds.size(); ++k) {
            const OfferKindGroup& kind = product.kinds[k];
            kind_judgements[k] = {};
            apply(kind_alone_rules[static_cast<std::size_t>(kind.first->kind)],
                  input_for(product, *kind.first, kind.term_years), /*stop_at_refusal=*/true, kind_judgements[k]);
        }
        group_judgements.resize(product.groups.size());
        for (std::size_t g = 0; g < product.groups.size(); ++g) {
            const OfferGroup& group = product.groups[g];
            const Judgement& by_kind = kind_judgements[group.kind];
            group_judgements[g] = by_kind;
            // Refused or sent for approval by the kind's rules: no offer of the group is eligible.
            if (by_kind.blocked || by_kind.approval) continue;
            apply(kind_rules[static_cast<std::size_t>(group.first->kind)],
                  input_for(product, *group.first, group.term_years), /*stop_at_refusal=*/true, group_judgements[g]);
        }
        for (std::size_t i : product.open) {
            const ProductOffer& offer = product.offers[i];
            const Judgement& by_kind = group_judgements[offer.group];
            // Only an eligible offer counts here: one the group refuses or sends for approval is done.
            if (by_kind.blocked || by_kind.approval) continue;
            Judgement j{false, offer.approval, offer.window};
            if (by_kind.window) j.window = intersect(j.window, *by_kind.window);
            apply(offer_rules[static_cast<std::size_t>(offer.kind)],
                  input_for(product, *offer.offering, offer.term_years),
                  /*stop_at_refusal=*/true, j);
            if (status_of(j) == OfferStatus::Eligible) eligible(offer, j.window);
        }
    }

    // Now and then, the rules that refused most move to the front.
    void reorder_rules() {
        ++units_seen;
        if (units_seen != 256 && units_seen % 65536 != 0) return;
        for (auto* table : {&kind_alone_rules, &kind_rules, &offer_rules})
            for (std::vector<UnitRule>& rules : *table)
                std::stable_sort(rules.begin(), rules.end(),
                                 [](const UnitRule& a, const UnitRule& b) { return a.refusals > b.refusals; });
    }

    std::vector<Judgement> kind_judgements;   // the scratch unit's, by the product's kinds
    std::vector<Judgement> group_judgements;  // the scratch unit's, by the product's groups
};

FleetPlan::FleetPlan(const Catalog& catalog, Date as_of) : impl_(std::make_unique<Impl>(catalog, as_of)) {}
FleetPlan::~FleetPlan() = default;

std::size_t FleetPlan::products_compiled() const { return impl_->products.size(); }
Date FleetPlan::as_of() const { return impl_->as_of; }

std::optional<DeviceError> FleetPlan::evaluate(const DeviceInput& input, UnitOpportunity& unit) {
    Impl& p = *impl_;
    std::optional<DeviceError> error;
    const Product* product = p.product_of(input, error);
    if (error) return error;
    if (!product) {  // no key: the reference path
        const DeviceResolution resolved = resolve_device(p.catalog, input);
        if (!resolved.facts) return resolved.error;
        unit = evaluate_unit(p.catalog, *resolved.facts, p.as_of);
        return std::nullopt;
    }
    if (std::optional<DeviceError> unit_error = p.unit_facts(*product, input)) return unit_error;
    p.reorder_rules();
    fleet_detail::UnitBuilder builder(unit, p.catalog, p.scratch, p.as_of);
    p.each_eligible(*product, [&](const ProductOffer& offer, const std::optional<DateRange>& window) {
        builder.add_eligible(*offer.offering, offer.term_years, *offer.unit_price, window);
    });
    builder.finish();
    return std::nullopt;
}

std::vector<PlannedOffer> FleetPlan::offers(const DeviceInput& input, std::optional<DeviceError>& error) {
    Impl& p = *impl_;
    std::vector<PlannedOffer> out;
    const Product* product = p.product_of(input, error);
    if (!product) {
        if (!error) error = DeviceError{"mtm", "this device takes the reference path (no product key)"};
        return out;
    }
    if ((error = p.unit_facts(*product, input))) return out;
    for (const ProductOffer& offer : product->offers) out.push_back(p.judge(*product, offer));
    return out;
}

}  // namespace apos
