// The desktop window's command line (apos_desktop --help). Parsed once by the GLFW host
// (web/platform/platform_glfw.cpp); the shared main loop only sees platform::HostOptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace apos::desktop {

struct DesktopOptions {
    std::string catalog_dir;  // --catalog DIR (empty: $APOS_CATALOG, else the repository's catalog/)
    std::string state;        // --state STRING: the page's URL-hash string
    std::string fleet_csv;    // --fleet FILE: opened as if dropped on the window
    std::string fleet_sheet;  // --sheet NAME: the sheet of a --fleet workbook to read
    std::string screenshot;   // --screenshot FILE.png: render, write the PNG, exit
    std::string out_dir;      // --out DIR: where exports go (empty: the current folder)
    int width = 1280;         // --size WxH: window size in screen coordinates
    int height = 800;
    int frames = 3;     // --frames N: frames rendered before the screenshot is taken
    bool help = false;  // --help
};

struct DesktopArgs {
    std::optional<DesktopOptions> options;
    std::string error;  // a usage error (exit 2) when `options` is empty
};

DesktopArgs ParseDesktopArgs(const std::vector<std::string>& args);

extern const char* const kDesktopUsage;

}  // namespace apos::desktop
