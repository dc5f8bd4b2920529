// Native clocks and memory readings (Linux): process CPU time, peak RSS from getrusage.
#include "probe.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <new>

namespace apos::bench {

const char* platform_name() { return "native"; }

double process_cpu_us() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double wall_us() {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void reset_memory_peak() {
    // "5" resets the peak RSS (VmHWM) that ru_maxrss reports (Linux 4.0+); elsewhere the
    // reading stays the process's peak so far.
    std::ofstream clear_refs("/proc/self/clear_refs");
    clear_refs << "5";
}

MemoryPeak memory_peak() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return {static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6, "peak_rss"};  // ru_maxrss is in KiB
}

void report_out_of_memory() {
    std::set_new_handler([] {
        std::printf("{\"event\":\"out_of_memory\",\"platform\":\"native\",\"peak_rss_mb\":%.1f}\n",
                    memory_peak().megabytes);
        std::fflush(stdout);
        std::abort();
    });
}

}  // namespace apos::bench
