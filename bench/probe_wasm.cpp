// WASM clocks and memory readings under Node: CPU time from process.cpuUsage(), memory as
// the size the wasm heap has grown to.
#include "probe.hpp"

#include <emscripten.h>
#include <emscripten/heap.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>

EM_JS(double, apos_node_cpu_us, (), {
    const used = process.cpuUsage();
    return used.user + used.system;
});

namespace apos::bench {

const char* platform_name() { return "wasm"; }

double process_cpu_us() { return apos_node_cpu_us(); }

double wall_us() {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void reset_memory_peak() {}  // a wasm memory only grows: nothing to reset

MemoryPeak memory_peak() { return {static_cast<double>(emscripten_get_heap_size()) / 1e6, "wasm_heap_size"}; }

void report_out_of_memory() {
    std::set_new_handler([] {
        std::printf("{\"event\":\"out_of_memory\",\"platform\":\"wasm\",\"wasm_heap_mb\":%.1f,\"heap_max_mb\":%.1f}\n",
                    memory_peak().megabytes, static_cast<double>(emscripten_get_heap_max()) / 1e6);
        std::fflush(stdout);
        std::abort();
    });
}

}  // namespace apos::bench
