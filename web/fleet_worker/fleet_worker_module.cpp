// The page's fleet worker module (apos-fleet.wasm): the core's catalog loader and fleet slice
// evaluator, and nothing else. Each Web Worker instantiates it, loads the catalog files the page
// loaded, and evaluates the slices the page posts (web/js/fleet_workers.js); answers are packed
// as apos/fleet_slices.hpp describes.
#include <emscripten/emscripten.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/fleet_slices.hpp"

namespace {
std::vector<apos::CatalogSource> g_sources;
std::optional<apos::Catalog> g_catalog;  // owns what the evaluator points into
std::unique_ptr<apos::FleetSliceEvaluator> g_evaluator;
std::string g_answer;  // the last answer (or why there is none), until the next call
bool g_answer_ok = false;
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void apos_worker_catalog_add(const char* file, const char* text) {
    g_sources.push_back({file, text});
}

// Loads the files added since the last commit. Returns "" when the catalog loaded, else its first
// error (the page loaded the same files, so this only fails when they did not arrive whole).
EMSCRIPTEN_KEEPALIVE const char* apos_worker_catalog_commit() {
    apos::CatalogLoadResult loaded = apos::load_catalog(g_sources);
    g_sources.clear();
    g_evaluator.reset();
    g_catalog.reset();
    g_answer.clear();
    if (!loaded.catalog) {
        g_answer = loaded.errors.empty() ? "the catalog did not load" : loaded.errors.front().to_string();
        return g_answer.c_str();
    }
    g_catalog = std::move(loaded.catalog);
    g_evaluator = std::make_unique<apos::FleetSliceEvaluator>(*g_catalog);
    return g_answer.c_str();
}

// Evaluates a packed slice. The answer (or why there is none: apos_worker_answer_ok() is 0) stays
// valid until the next call; apos_worker_answer_size() gives its size.
EMSCRIPTEN_KEEPALIVE const char* apos_worker_evaluate(const char* slice, int size) {
    std::string().swap(g_answer);
    g_answer_ok = false;
    if (!g_evaluator) {
        g_answer = "the worker has no catalog";
        return g_answer.data();
    }
    std::string error;
    std::optional<std::string> answer =
        g_evaluator->evaluate(std::string_view(slice, static_cast<std::size_t>(size)), error);
    g_answer_ok = answer.has_value();
    g_answer = answer ? std::move(*answer) : std::move(error);
    return g_answer.data();
}

EMSCRIPTEN_KEEPALIVE int apos_worker_answer_size() { return static_cast<int>(g_answer.size()); }
EMSCRIPTEN_KEEPALIVE int apos_worker_answer_ok() { return g_answer_ok ? 1 : 0; }

}  // extern "C"
