// A device as the partner describes it, and the facts the base-warranty rules derive from it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/date.hpp"

namespace apos {

// Units of one device line (a request's quantity, a link's qty): beyond any single order.
inline constexpr int kMaxQuantity = 1'000'000;

struct DeviceInput {
    std::string mtm;  // MTM, or just the 4-character machine type
    std::string serial;
    Date ship_date;
    std::optional<Date> purchase_date;  // proof of purchase, when the customer has one
    Channel channel = Channel::Direct;
    Condition condition = Condition::New;
    std::string country = "US";
    int quantity = 1;
    Segment segment = Segment::Smb;
    bool replacement = false;              // a replacement unit from an earlier ADP claim
    std::optional<Date> coverage_end;      // current end of coverage if already extended (fleet)
    std::vector<OfferKind> services_held;  // services already bought for this unit (fleet)
    int pages_per_box = 0;                 // Drop-in-the-Box documents, when asked
    int install_locations = 1;             // install or pickup sites (managed installation, asset recovery)
};

// One line of "how we got this fact": the rule that decided it and what it decided.
struct FactNote {
    std::string rule;
    std::string message;
    std::string source;
};

struct DeviceFacts {
    const MachineType* machine_type = nullptr;
    DeviceInput input;
    Date base_start;            // BW-START
    Date base_end;              // BW-LENGTH (+ BW-BUFFER)
    int base_years = 1;         // BW-LENGTH
    ServiceLevel base_level{};  // BW-LEVELS
    bool iws = false;           // IWS-INCLUDED
    Date system_purchase;       // proof of purchase, else base start
    Date coverage_end;          // the later of base_end and the input's coverage_end
    int covered_years = 1;      // whole years of warranty on the system today
    int cap_years = 5;          // CAP-MAX-YEARS for this machine type
    Date cap_end;               // last day any coverage may reach
    std::vector<FactNote> notes;
};

struct DeviceError {
    std::string field;  // "mtm", "ship_date", ...
    std::string message;
};

struct DeviceResolution {
    std::optional<DeviceFacts> facts;
    std::optional<DeviceError> error;
};

// Resolves the machine type and applies the base-warranty rules (BW-*, IWS-INCLUDED, CAP-MAX-YEARS).
DeviceResolution resolve_device(const Catalog& catalog, const DeviceInput& input);

// The part of resolve_device that reads the unit rather than its product: the quantity and the
// dates (BW-START, BW-BUFFER, IWS-INCLUDED, the cap's last day, coverage end). `facts` must hold the
// machine type, input, base years and cap years. A fleet re-runs it per unit with `notes` null;
// returns the error of an input that cannot be.
std::optional<DeviceError> resolve_unit_facts(const Policy& policy, DeviceFacts& facts, std::vector<FactNote>* notes);

// Whole years Y such that term_end(base_start, Y) is on or before `end` (ignoring the distributor buffer).
int whole_years_covered(Date base_start, Date end);

}  // namespace apos
