// The page's fleet workers (app/fleet_workers.hpp) as Web Workers: js/fleet_workers.js runs them,
// js/library_fleet_workers.js is how C++ reaches it.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/platform.hpp"

extern "C" {
void apos_js_fleet_workers_start(const char* catalog_json);
int apos_js_fleet_workers_ready();
int apos_js_fleet_workers_fewest_rows();
char* apos_js_fleet_workers_failed();
void apos_js_fleet_worker_post(int worker, std::uint32_t ticket, const char* bytes, int size);
int apos_js_fleet_worker_answer_size(std::uint32_t ticket);
int apos_js_fleet_worker_answer_take(std::uint32_t ticket, char* into);
void apos_js_fleet_workers_forget_before(std::uint32_t ticket);
}

namespace apos::platform {
namespace {

bool SameFiles(const std::vector<CatalogSource>& a, const std::vector<CatalogSource>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].file != b[i].file || a[i].text != b[i].text) return false;
    return true;
}

class WebFleetWorkers : public ui::FleetWorkers {
public:
    std::size_t FewestRows() const override {
        const int given = apos_js_fleet_workers_fewest_rows();  // the page's fleetWorkerRows option
        return given > 0 ? static_cast<std::size_t>(given) : ui::kFewestRowsForWorkers;
    }
    int Start(const std::vector<CatalogSource>& catalog) override {
        if (!started_ || !SameFiles(catalog, files_)) {
            files_ = catalog;
            nlohmann::json files = nlohmann::json::array();
            for (const CatalogSource& f : catalog) files.push_back({{"file", f.file}, {"text", f.text}});
            apos_js_fleet_workers_start(files.dump().c_str());
            started_ = true;
        }
        return apos_js_fleet_workers_ready();
    }
    bool Failed(std::string& why) const override {
        char* text = apos_js_fleet_workers_failed();
        if (!text) return false;
        why = text;
        std::free(text);
        return true;
    }
    void Post(int worker, std::uint32_t ticket, std::string_view slice) override {
        apos_js_fleet_worker_post(worker, ticket, slice.data(), static_cast<int>(slice.size()));
    }
    bool Answer(std::uint32_t ticket, std::string& answer, bool& ok) override {
        const int size = apos_js_fleet_worker_answer_size(ticket);
        if (size < 0) return false;
        answer.resize(static_cast<std::size_t>(size));  // the page copies it straight in
        ok = apos_js_fleet_worker_answer_take(ticket, answer.data()) != 0;
        return true;
    }
    void ForgetBefore(std::uint32_t ticket) override { apos_js_fleet_workers_forget_before(ticket); }

private:
    bool started_ = false;
    std::vector<CatalogSource> files_;  // what the workers were started with
};

}  // namespace

ui::FleetWorkers* HostFleetWorkers() {
    static WebFleetWorkers workers;
    return &workers;
}

}  // namespace apos::platform
