// The desktop host: a GLFW window with an OpenGL 3.3 core context (Linux/X11, also under Xvfb).
// Same ImGui backends as the web; services map to files and stdout. The command line
// (shell/desktop/desktop_options.cpp) chooses the catalog, the start state, a fleet file and the
// screenshot mode, which renders a few frames without showing them, writes the back buffer as a
// PNG and prints the quote it rendered.
#include "platform/glfw_imgui.hpp"
#include "platform/platform.hpp"

#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <GLFW/glfw3.h>

#include "catalog_files.hpp"
#include "desktop_options.hpp"
#include "imgui.h"
#include "png_file.hpp"

#ifndef APOS_DESKTOP_FONT
#define APOS_DESKTOP_FONT ""
#endif
#ifndef APOS_DESKTOP_CATALOG
#define APOS_DESKTOP_CATALOG "catalog"
#endif

namespace apos::platform {
namespace {

struct DesktopHost {
    GLFWwindow* window = nullptr;
    std::string clipboard;
    std::string font;
    FileHandler file_handler;  // files dropped on the window (fleet CSVs)

    desktop::DesktopOptions options;
    std::vector<std::string> problems;  // found by the host itself at start (a missing --fleet file)
    std::string quote_json;             // the last quote the app reported (printed by screenshots)
    int settled_frames = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    int exit_code = 0;

    bool Screenshot() const { return !options.screenshot.empty(); }
};

DesktopHost& Host() {
    static DesktopHost host;
    return host;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The font comes from $APOS_FONT, else the subset the build made (path baked in by CMake), else
// Debian's DejaVu Sans (the subset's source), else ImGui's built-in ASCII font.
std::string LoadFont() {
    if (const char* from_env = std::getenv("APOS_FONT")) return ReadFile(from_env);
    for (const char* path : {APOS_DESKTOP_FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}) {
        std::error_code error;
        if (*path && std::filesystem::is_regular_file(path, error)) return ReadFile(path);
    }
    return {};
}

// Screenshot mode gives up when the app is still busy after this long (a fleet that never ends).
constexpr std::chrono::seconds kScreenshotTimeout{120};

// GLFW calls this between glfwPollEvents' events: hand each dropped file to the app.
void DropCallback(GLFWwindow*, int count, const char** paths) {
    if (!Host().file_handler) return;
    for (int i = 0; i < count; ++i) {
        const std::filesystem::path path(paths[i]);
        Host().file_handler(path.filename().string(), ReadFile(path));
    }
}

}  // namespace

HostOptions StartHost(int argc, char** argv) {
    const desktop::DesktopArgs parsed = desktop::ParseDesktopArgs(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.options) {
        std::fprintf(stderr, "apos_desktop: %s\n%s", parsed.error.c_str(), desktop::kDesktopUsage);
        return {true, 2};
    }
    if (parsed.options->help) {
        std::fputs(desktop::kDesktopUsage, stdout);
        return {true, 0};
    }
    Host().options = *parsed.options;
    return {};
}

bool AcceptInputProblems(const std::vector<std::string>& problems) {
    DesktopHost& host = Host();
    std::vector<std::string> all = std::move(host.problems);
    host.problems.clear();
    all.insert(all.end(), problems.begin(), problems.end());
    for (const std::string& problem : all) std::fprintf(stderr, "apos_desktop: %s\n", problem.c_str());
    // A screenshot of a state other than the one asked for would pass for the wrong picture.
    return all.empty() || !host.Screenshot();
}

bool OpenWindow(const char* title) {
    DesktopHost& host = Host();
    glfwSetErrorCallback([](int, const char* message) { std::fprintf(stderr, "apos_desktop: GLFW: %s\n", message); });
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    // Interactive: the window grows with the monitor's content scale (HiDPI). Screenshots are
    // exactly --size pixels; the content scale still sizes fonts and style.
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, host.Screenshot() ? GLFW_FALSE : GLFW_TRUE);
    if (host.Screenshot()) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    host.window = glfwCreateWindow(host.options.width, host.options.height, title, nullptr, nullptr);
    if (!host.window) {
        std::fprintf(stderr, "apos_desktop: no OpenGL 3.3 window (under CI, run it with xvfb-run)\n");
        return false;
    }
    glfwMakeContextCurrent(host.window);
    glfwSwapInterval(1);
    StartImGuiBackends(host.window, "#version 330 core");
    glfwSetDropCallback(host.window, DropCallback);  // ImGui's GLFW backend does not use drops
    host.font = LoadFont();
    return true;
}

void CloseWindow() { StopImGuiBackendsAndWindow(Host().window); }

void RunMainLoop(const std::function<bool()>& frame) {
    while (frame()) {}
}

bool PollEvents() {
    glfwPollEvents();
    return !glfwWindowShouldClose(Host().window);
}

float ContentScale() {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(Host().window, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

void ReloadFontTexture() { ReloadImGuiFontTexture(); }

void NewFrame() {
    BackendsNewFrame();
    // A screenshot shows the state, not whatever the X pointer happens to hover.
    if (Host().Screenshot()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

void RenderFrame() {
    DrawImGuiFrame(Host().window);
    // Screenshot mode reads the back buffer in FrameDone; nobody watches the window.
    if (!Host().Screenshot()) glfwSwapBuffers(Host().window);
}

void SetKeyboardState(bool, bool, bool, bool) {}

bool PrintHtml(std::string_view) { return false; }

std::string LoadPreferences() { return {}; }
void SavePreferences(std::string_view) {}
// The desktop keeps follow-up marks for the run only (export them to a file to keep them).
void LoadMarks(std::function<void(std::string)>) {}
void SaveMarks(std::string_view) {}

bool KeepsFleetFiles() { return false; }
void FleetFileTaken() {}
void KeepFleetFile(bool) {}
void LoadKeptFleetFile() {}

void PaceByDisplay(bool) {}  // the loop waits for the display's swap already

ui::FleetWorkers* HostFleetWorkers() { return nullptr; }

bool FrameDone(bool settled) {
    DesktopHost& host = Host();
    if (!host.Screenshot()) return true;
    if (!settled) {
        if (std::chrono::steady_clock::now() - host.started < kScreenshotTimeout) return true;
        std::fprintf(stderr, "apos_desktop: still busy after %lld s; no screenshot\n",
                     static_cast<long long>(kScreenshotTimeout.count()));
        host.exit_code = 1;
        return false;
    }
    if (++host.settled_frames < host.options.frames) return true;
    int width = 0, height = 0;
    glfwGetFramebufferSize(host.window, &width, &height);
    glReadBuffer(GL_BACK);
    if (const std::string error = desktop::WriteFramebufferPng(host.options.screenshot, width, height);
        !error.empty()) {
        std::fprintf(stderr, "apos_desktop: %s\n", error.c_str());
        host.exit_code = 1;
        return false;
    }
    // What the picture shows, for tests to compare with `apos quote`.
    std::cout << (host.quote_json.empty() ? "{}" : host.quote_json) << std::endl;
    std::fprintf(stderr, "apos_desktop: wrote %s (%dx%d, content scale %g)\n", host.options.screenshot.c_str(), width,
                 height, static_cast<double>(ContentScale()));
    return false;
}

int ExitCode() { return Host().exit_code; }

void SetClipboardText(const char* text) { glfwSetClipboardString(Host().window, text ? text : ""); }

const char* GetClipboardText() {
    const char* text = glfwGetClipboardString(Host().window);
    Host().clipboard = text ? text : "";
    return Host().clipboard.c_str();
}

// Exports go to --out DIR (made if missing), else the current folder; the status line shows where.
std::string SaveFile(std::string_view file_name, std::string_view, std::string_view bytes) {
    const std::filesystem::path folder = Host().options.out_dir.empty() ? "." : Host().options.out_dir;
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    // Only the name's last part: a name never writes outside the folder.
    const std::filesystem::path path = folder / std::filesystem::path(std::string(file_name)).filename();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    const std::string shown = std::filesystem::absolute(path, error).lexically_normal().string();
    return out ? "saved to " + shown : "could not write " + shown;
}

// The page's URL-hash string, given as --state.
// No page natively: "Copy link" copies just the state hash.
std::string PageUrl() { return {}; }

std::string ReadUrlHash() { return Host().options.state; }
void WriteUrlHash(std::string_view) {}

LocalDate Today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

void NotifyQuoteChanged(std::string_view quote_json) { Host().quote_json = quote_json; }

std::string_view FontBytes() { return Host().font; }

// --catalog DIR, else $APOS_CATALOG, else the repository's catalog/ (path baked in by CMake),
// read as the CLI reads it: only the catalog's own file names, each checked against the
// core's size limit before it is read. Missing files are left for the catalog loader to name.
std::vector<TextFile> CatalogFiles() {
    const char* from_env = std::getenv("APOS_CATALOG");
    const std::filesystem::path folder = !Host().options.catalog_dir.empty() ? Host().options.catalog_dir
                                         : from_env                          ? from_env
                                                                             : APOS_DESKTOP_CATALOG;
    std::vector<CatalogError> problems;
    std::vector<TextFile> files;
    for (CatalogSource& source : files::read_catalog_folder(folder.string(), problems))
        files.push_back({std::filesystem::path(source.file).filename().string(), std::move(source.text)});
    for (const CatalogError& e : problems) Host().problems.push_back("catalog: " + e.to_string());
    if (files.empty() && problems.empty())
        Host().problems.push_back("catalog: no catalog JSON files in " + folder.string());
    return files;
}

void SetFileHandler(FileHandler handler) { Host().file_handler = std::move(handler); }

// No native file dialog (it would need GTK or a portal): drop a file on the window instead.
bool OpenFileDialog(std::string_view) { return false; }

// --fleet FILE (StartHost parsed the command line already).
std::vector<TextFile> CommandLineFiles(int, char**) {
    const std::string& fleet = Host().options.fleet_csv;
    if (fleet.empty()) return {};
    const std::filesystem::path path(fleet);
    std::error_code error;
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, error) || !in) {
        Host().problems.push_back("--fleet " + fleet + ": cannot read the file");
        return {};
    }
    return {{path.filename().string(), ReadFile(path), Host().options.fleet_sheet}};
}

}  // namespace apos::platform
