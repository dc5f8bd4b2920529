// The browser host: Emscripten's GLFW on the page's canvas, WebGL 2, and the small JS bridge in
// web/js/library_apos.js for what 3.1.6's GLFW lacks (clipboard, DPR, canvas-only keyboard).
#include "platform/glfw_imgui.hpp"
#include "platform/platform.hpp"

#include <cstdlib>
#include <string>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "imgui.h"

// Implemented in web/js/library_apos.js. Strings coming back are malloc'd; we free them.
extern "C" {
void apos_js_take_keyboard();
void apos_js_fit_canvas(int* backing_width, int* backing_height, double* ratio);
void apos_js_restyle_canvas();
void apos_js_set_keyboard_state(int text_input, int tab_leaves, int back_tab_leaves, int escape_leaves);
void apos_js_set_clipboard(const char* text);
char* apos_js_get_clipboard();
void apos_js_download(const char* name, const char* mime, const char* data, int size);
char* apos_js_read_hash();
char* apos_js_page_url();
void apos_js_write_hash(const char* hash);
void apos_js_today(int* year, int* month, int* day);
char* apos_js_load_preferences();
void apos_js_print(const char* html);
void apos_js_save_preferences(const char* json);
void apos_js_quote_changed(const char* json);
void apos_js_watch_files();
void apos_js_fix_wheel();
int apos_js_open_file(const char* accept);
void apos_js_mark(const char* name);
void apos_js_cache_gl_state();
void apos_js_load_marks();
void apos_js_save_marks(const char* json);
void apos_js_fleet_taken();
void apos_js_keep_fleet(int keep);
void apos_js_load_kept_fleet();
}

namespace apos::platform {
namespace {

struct WebHost {
    GLFWwindow* window = nullptr;
    float ratio = 1.0f;
    std::string clipboard;
    std::string font;  // filled by apos_set_font() before main runs
    std::function<bool()> frame;
    bool drew_first_frame = false;                  // "apos:first-frame" is marked once
    bool paced_by_display = true;                   // the main loop waits for animation frames
    FileHandler file_handler;                       // gets files from the picker, drops and the JS API's loadFleet()
    std::string arriving;                           // the bytes of the file on its way (apos_file_buffer)
    std::function<void(std::string)> marks_loaded;  // gets the marks IndexedDB kept (apos_marks_loaded)
};

WebHost& Host() {
    static WebHost host;
    return host;
}

std::string TakeJsString(char* text) {
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

void SetClipboardCallback(void*, const char* text) { SetClipboardText(text); }
const char* GetClipboardCallback(void*) { return GetClipboardText(); }

}  // namespace

bool OpenWindow(const char* title) {
    WebHost& host = Host();
    if (!glfwInit()) return false;
    // GLFW registered key listeners on the whole window: move them to the canvas.
    apos_js_take_keyboard();

    int width = 0, height = 0;
    double ratio = 1.0;
    apos_js_fit_canvas(&width, &height, &ratio);
    host.ratio = static_cast<float>(ratio);

    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // ImGui needs neither: without them the browser has no depth and stencil buffers to clear
    // after every composited frame (a full-canvas fill each with software WebGL).
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    host.window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!host.window) return false;
    apos_js_restyle_canvas();
    apos_js_watch_files();
    apos_js_fix_wheel();
    glfwMakeContextCurrent(host.window);
    apos_js_cache_gl_state();  // no blocking WebGL queries in the backend's per-frame state backup

    StartImGuiBackends(host.window, "#version 300 es");
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = SetClipboardCallback;
    io.GetClipboardTextFn = GetClipboardCallback;
    apos_js_mark("apos:window");
    return true;
}

void CloseWindow() { StopImGuiBackendsAndWindow(Host().window); }

void RunMainLoop(const std::function<bool()>& frame) {
    Host().frame = frame;
    // fps 0 = requestAnimationFrame; simulate_infinite_loop keeps main's stack frame "alive"
    // the way the native while loop does.
    emscripten_set_main_loop_arg(
        [](void*) {
            WebHost& host = Host();
            const bool go_on = host.frame();
            if (!host.drew_first_frame) {
                host.drew_first_frame = true;
                apos_js_mark("apos:first-frame");
            }
            if (!go_on) emscripten_cancel_main_loop();
        },
        nullptr, 0, true);
}

bool PollEvents() {
    WebHost& host = Host();
    glfwPollEvents();
    int width = 0, height = 0;
    double ratio = 1.0;
    apos_js_fit_canvas(&width, &height, &ratio);
    host.ratio = static_cast<float>(ratio);
    int current_width = 0, current_height = 0;
    glfwGetWindowSize(host.window, &current_width, &current_height);
    if (width != current_width || height != current_height) {
        // GLFW resizes the backing store and drops the canvas' inline CSS size; put it back.
        glfwSetWindowSize(host.window, width, height);
        apos_js_restyle_canvas();
    }
    return true;
}

float ContentScale() { return Host().ratio; }

void ReloadFontTexture() { ReloadImGuiFontTexture(); }

void NewFrame() { BackendsNewFrame(); }

void RenderFrame() { DrawImGuiFrame(Host().window); }

void SetKeyboardState(bool text_input, bool tab_leaves, bool back_tab_leaves, bool escape_leaves) {
    apos_js_set_keyboard_state(text_input, tab_leaves, back_tab_leaves, escape_leaves);
}

void SetClipboardText(const char* text) {
    Host().clipboard = text ? text : "";
    apos_js_set_clipboard(Host().clipboard.c_str());
}

const char* GetClipboardText() {
    Host().clipboard = TakeJsString(apos_js_get_clipboard());
    return Host().clipboard.c_str();
}

std::string SaveFile(std::string_view file_name, std::string_view mime_type, std::string_view bytes) {
    const std::string name(file_name), mime(mime_type);
    apos_js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    return "downloaded as " + name;
}

std::string ReadUrlHash() { return TakeJsString(apos_js_read_hash()); }

std::string PageUrl() { return TakeJsString(apos_js_page_url()); }

void WriteUrlHash(std::string_view hash) {
    const std::string text(hash);
    apos_js_write_hash(text.c_str());
}

LocalDate Today() {
    LocalDate today;
    apos_js_today(&today.year, &today.month, &today.day);
    return today;
}

bool PrintHtml(std::string_view html) {
    const std::string text(html);
    apos_js_print(text.c_str());
    return true;
}

std::string LoadPreferences() { return TakeJsString(apos_js_load_preferences()); }

void SavePreferences(std::string_view json) {
    const std::string text(json);
    apos_js_save_preferences(text.c_str());
}

void NotifyQuoteChanged(std::string_view quote_json) {
    const std::string text(quote_json);
    apos_js_quote_changed(text.c_str());
}

std::string_view FontBytes() { return Host().font; }

std::vector<TextFile> CatalogFiles() { return {}; }

// The page passes its options to createConfigurator in JS; problems show in the app itself.
HostOptions StartHost(int, char**) { return {}; }
bool AcceptInputProblems(const std::vector<std::string>&) { return true; }
// While work is in progress (a fleet loading), most calls only work and draw nothing: they run
// on the event loop's next turn rather than waiting for the display's next refresh, which left
// the work a 35 ms slice took idle for up to another refresh. Input and drawing still get their
// turn between calls; settled, the loop goes back to animation frames (and rests when hidden).
void PaceByDisplay(bool by_display) {
    WebHost& host = Host();
    if (by_display == host.paced_by_display) return;
    host.paced_by_display = by_display;
    emscripten_set_main_loop_timing(by_display ? EM_TIMING_RAF : EM_TIMING_SETIMMEDIATE, 1);
}

bool FrameDone(bool settled) {
    PaceByDisplay(settled);
    return true;
}
int ExitCode() { return 0; }

void SetFileHandler(FileHandler handler) { Host().file_handler = std::move(handler); }

bool OpenFileDialog(std::string_view accept) {
    const std::string text(accept);
    return apos_js_open_file(text.c_str()) != 0;
}

std::vector<TextFile> CommandLineFiles(int, char**) { return {}; }

void LoadMarks(std::function<void(std::string json)> loaded) {
    Host().marks_loaded = std::move(loaded);
    apos_js_load_marks();
}

void SaveMarks(std::string_view json) {
    const std::string text(json);
    apos_js_save_marks(text.c_str());
}

// The file's bytes stay in JS (a picked file is only a reference to it), so keeping one copies
// nothing through wasm memory.
bool KeepsFleetFiles() { return true; }
void FleetFileTaken() { apos_js_fleet_taken(); }
void KeepFleetFile(bool keep) { apos_js_keep_fleet(keep ? 1 : 0); }
void LoadKeptFleetFile() { apos_js_load_kept_fleet(); }

}  // namespace apos::platform

// The page's JS hands over the font file (fetched or inlined) before main runs.
extern "C" EMSCRIPTEN_KEEPALIVE void apos_set_font(const char* bytes, int size) {
    apos::platform::Host().font.assign(bytes, static_cast<std::size_t>(size));
}

// A file the user picked or dropped, or the page handed to loadFleet(): web/js asks for room for
// its bytes, copies them in, then says it arrived. The bytes are written once into the string the
// fleet job keeps: a 100 MB fleet is not held twice in wasm memory, which never shrinks.
// Returns null when the room cannot be had (the file is then refused in JS).
extern "C" EMSCRIPTEN_KEEPALIVE char* apos_file_buffer(double size) {
    std::string& arriving = apos::platform::Host().arriving;
    arriving = std::string();
    if (!(size >= 0.0) || size > static_cast<double>(arriving.max_size())) return nullptr;
    arriving.resize(static_cast<std::size_t>(size));
    return arriving.data();
}

extern "C" EMSCRIPTEN_KEEPALIVE void apos_file_arrived(const char* name) {
    std::string bytes = std::move(apos::platform::Host().arriving);
    apos::platform::Host().arriving = std::string();
    auto& handler = apos::platform::Host().file_handler;
    if (handler) handler(name ? name : "", std::move(bytes));
}

// The marks IndexedDB kept (web/js: read after LoadMarks asked; marks_to_json's shape, or "").
extern "C" EMSCRIPTEN_KEEPALIVE void apos_marks_loaded(const char* json) {
    auto& loaded = apos::platform::Host().marks_loaded;
    if (loaded) loaded(json ? json : "");
}
