// apos_desktop's command line: every option takes one value (except --help); anything else is a
// usage error. Values are checked for form here; whether a catalog, state or fleet is valid is
// for the core to say once the app has them.
#include "desktop_options.hpp"

#include <charconv>
#include <string_view>

namespace apos::desktop {

const char* const kDesktopUsage = R"(usage: apos_desktop [options]
  --catalog DIR        catalog folder (default: $APOS_CATALOG, else the repository's catalog/)
  --state STRING       start from this configuration: the page's URL hash, e.g.
                       "mtm=21HDCTO1WW&ship=2026-10-01&svc=adp:3"
  --fleet FILE         open a fleet CSV or .xlsx workbook (same as dropping it on the window)
  --sheet NAME         the sheet of the --fleet workbook to read (default: the first)
  --out DIR            folder for exported files (default: the current folder)
  --size WxH           window size (default 1280x800)
  --screenshot FILE    render, write FILE as PNG, print the rendered quote JSON, exit
  --frames N           frames to render before the screenshot (default 3)
  --help               this text
exit status: 0 ok, 1 invalid catalog / state / fleet or unwritable PNG, 2 usage error
)";

namespace {

std::optional<int> ParsePositive(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

}  // namespace

DesktopArgs ParseDesktopArgs(const std::vector<std::string>& args) {
    DesktopOptions options;
    const auto fail = [](std::string message) { return DesktopArgs{std::nullopt, std::move(message)}; };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& name = args[i];
        if (name == "--help" || name == "-h") {
            options.help = true;
            continue;
        }
        std::string* text = name == "--catalog"      ? &options.catalog_dir
                            : name == "--state"      ? &options.state
                            : name == "--fleet"      ? &options.fleet_csv
                            : name == "--sheet"      ? &options.fleet_sheet
                            : name == "--screenshot" ? &options.screenshot
                            : name == "--out"        ? &options.out_dir
                                                     : nullptr;
        const bool numeric = name == "--size" || name == "--frames";
        if (!text && !numeric) return fail("unknown argument \"" + name + "\"");
        if (i + 1 >= args.size()) return fail(name + " needs a value");
        const std::string& value = args[++i];
        if (text) {
            if (value.empty() && name != "--state") return fail(name + " needs a non-empty value");
            *text = value;
        } else if (name == "--frames") {
            const auto n = ParsePositive(value);
            if (!n) return fail("--frames: expected a whole number of at least 1, got \"" + value + "\"");
            options.frames = *n;
        } else {
            const std::size_t x = value.find('x');
            const auto w = ParsePositive(std::string_view(value).substr(0, x));
            const auto h = x == std::string::npos ? std::nullopt : ParsePositive(std::string_view(value).substr(x + 1));
            if (!w || !h || *w > 16384 || *h > 16384)
                return fail("--size: expected WIDTHxHEIGHT such as 1280x800, got \"" + value + "\"");
            options.width = *w;
            options.height = *h;
        }
    }
    if (!options.fleet_sheet.empty() && options.fleet_csv.empty()) return fail("--sheet is for a --fleet FILE");
    return DesktopArgs{options, {}};
}

}  // namespace apos::desktop
