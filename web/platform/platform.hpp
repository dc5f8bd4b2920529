// The one interface between the configurator and its host: a browser canvas (platform_web.cpp)
// or a desktop window (platform_glfw.cpp). CMake picks one implementation; nothing else in web/
// knows which host it runs on.
//
//  [X] Window + OpenGL (ES 3 / WebGL 2 on the web, 3.3 core natively) + Dear ImGui backends
//  [X] Main loop (a while loop natively, animation frames on the web)
//  [X] Content scale (devicePixelRatio / monitor content scale), backing store follows it
//  [X] Clipboard (our own bridge on the web: Emscripten 3.1.6's GLFW clipboard is a stub)
//  [X] Save a file (browser download / file in the working folder)
//  [X] URL hash read/write (web, opt-in per instance; empty natively)
//  [X] Today's local date
//  [X] Catalog files (desktop: a folder; web: the page pushes them through the JS API)
//  [X] "Quote changed" notification to JS listeners (no-op natively)
//  [X] Keyboard only while the canvas has focus (the host page keeps Backspace and Tab)
//  [ ] Touch and IME input (Emscripten 3.1.6 GLFW cannot do them; see web-practice.md)
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace apos::platform {

struct LocalDate {
    int year = 1970;
    int month = 1;
    int day = 1;
};

// ---- Window and frame ---------------------------------------------------------------------
// Creates the window (or binds the page's canvas), the GL context and the ImGui backends.
// ImGui's context must exist already. Returns false when no window or context can be made.
bool OpenWindow(const char* title);
void CloseWindow();

// Runs `frame` until it returns false (natively) or forever (web: one call per animation frame).
// Natively returns when the loop ends; on the web it never returns (main's locals stay alive).
void RunMainLoop(const std::function<bool()>& frame);

// Polls input and fits the framebuffer to the window / canvas size. False: the user closed it.
bool PollEvents();
// Pixels per logical (CSS) pixel: devicePixelRatio on the web, the monitor's content scale natively.
// ImGui works in framebuffer pixels, so fonts and style sizes are multiplied by this.
float ContentScale();
// Re-uploads ImGui's font atlas after the fonts were rebuilt (for a new content scale).
void ReloadFontTexture();
void NewFrame();           // backend NewFrame (call before ImGui::NewFrame)
void RenderFrame();        // clears, draws ImGui's draw data, presents
// Tells the host whether ImGui wants the keyboard, so that Tab can leave the canvas when not.
void SetKeyboardWanted(bool wanted);

// ---- Services -----------------------------------------------------------------------------
void SetClipboardText(const char* text);
const char* GetClipboardText();  // valid until the next call

// Saves `bytes` as a file named `file_name`. Returns a description of where it went.
std::string SaveFile(std::string_view file_name, std::string_view mime_type, std::string_view bytes);

std::string ReadUrlHash();                // without the leading '#'; empty when not synced
void WriteUrlHash(std::string_view hash);  // no-op when the page did not ask for hash sync

LocalDate Today();

void NotifyQuoteChanged(std::string_view quote_json);

// Bytes of a bundled asset the host provides before the first frame (the font), or empty.
std::string_view FontBytes();

// Catalog files ({file name, JSON text}) the host reads itself: the desktop reads a folder
// ($APOS_CATALOG, else the repository's catalog/). Empty on the web, where the page's JS has
// already handed the catalog over before main() ran.
struct TextFile {
    std::string name;
    std::string text;
};
std::vector<TextFile> CatalogFiles();

}  // namespace apos::platform
