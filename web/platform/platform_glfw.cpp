// The desktop host: a GLFW window with an OpenGL 3.3 core context (Linux/X11, also under Xvfb).
// Same ImGui backends as the web; services map to files and stdout.
#include "platform/platform.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <GLFW/glfw3.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"

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
};

DesktopHost& Host() {
    static DesktopHost host;
    return host;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The font comes from $APOS_FONT, else the subset the build made (path baked in by CMake).
std::string LoadFont() {
    const char* from_env = std::getenv("APOS_FONT");
    const std::string path = from_env ? from_env : APOS_DESKTOP_FONT;
    return path.empty() ? std::string() : ReadFile(path);
}

}  // namespace

bool OpenWindow(const char* title) {
    DesktopHost& host = Host();
    if (!glfwInit())
        return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    host.window = glfwCreateWindow(1280, 800, title, nullptr, nullptr);
    if (!host.window)
        return false;
    glfwMakeContextCurrent(host.window);
    glfwSwapInterval(1);
    ImGui_ImplGlfw_InitForOpenGL(host.window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    host.font = LoadFont();
    return true;
}

void CloseWindow() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(Host().window);
    glfwTerminate();
}

void RunMainLoop(const std::function<bool()>& frame) {
    while (frame()) {
    }
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

void ReloadFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void NewFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

void RenderFrame() {
    int width = 0, height = 0;
    glfwGetFramebufferSize(Host().window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(Host().window);
}

void SetKeyboardWanted(bool) {}

void SetClipboardText(const char* text) { glfwSetClipboardString(Host().window, text ? text : ""); }

const char* GetClipboardText() {
    const char* text = glfwGetClipboardString(Host().window);
    Host().clipboard = text ? text : "";
    return Host().clipboard.c_str();
}

std::string SaveFile(std::string_view file_name, std::string_view, std::string_view bytes) {
    const std::string path(file_name);
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return out ? "saved to ./" + path : "could not write ./" + path;
}

std::string ReadUrlHash() { return {}; }
void WriteUrlHash(std::string_view) {}

LocalDate Today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

void NotifyQuoteChanged(std::string_view) {}

std::string_view FontBytes() { return Host().font; }

std::vector<TextFile> CatalogFiles() {
    const char* from_env = std::getenv("APOS_CATALOG");
    const std::filesystem::path folder = from_env ? from_env : APOS_DESKTOP_CATALOG;
    std::vector<TextFile> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back({entry.path().filename().string(), ReadFile(entry.path())});
    if (files.empty()) std::fprintf(stderr, "apos_desktop: no catalog JSON in %s\n", folder.c_str());
    return files;
}

}  // namespace apos::platform
