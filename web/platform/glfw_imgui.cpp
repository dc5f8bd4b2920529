// The ImGui backend steps both GLFW hosts share (glfw_imgui.hpp).
#include "platform/glfw_imgui.hpp"

#include "platform/platform.hpp"  // InputWaiting: both GLFW hosts answer it here

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#endif
#include <GLFW/glfw3.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"

namespace apos::platform {

namespace {

bool input_waiting = false;  // set by the callbacks below, cleared when a frame is started

void NoteKey(GLFWwindow*, int, int, int, int) { input_waiting = true; }
void NoteChar(GLFWwindow*, unsigned int) { input_waiting = true; }
void NoteButton(GLFWwindow*, int, int, int) { input_waiting = true; }
void NoteScroll(GLFWwindow*, double, double) { input_waiting = true; }
void NoteCursor(GLFWwindow*, double, double) { input_waiting = true; }

}  // namespace

void StartImGuiBackends(GLFWwindow* window, const char* glsl_version) {
    // Ours first: ImGui's backend keeps the callbacks it finds and calls them from its own.
    glfwSetKeyCallback(window, NoteKey);
    glfwSetCharCallback(window, NoteChar);
    glfwSetMouseButtonCallback(window, NoteButton);
    glfwSetScrollCallback(window, NoteScroll);
    glfwSetCursorPosCallback(window, NoteCursor);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
}

void StopImGuiBackendsAndWindow(GLFWwindow* window) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(window);
    glfwTerminate();
}

void ReloadImGuiFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool InputWaiting() { return input_waiting; }

void BackendsNewFrame() {
    input_waiting = false;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

void DrawImGuiFrame(GLFWwindow* window) {
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace apos::platform
