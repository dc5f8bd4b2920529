// Dear ImGui's GLFW + OpenGL 3 backends on a host window: the start, frame and shutdown steps
// the page (platform_web.cpp) and the desktop window (platform_glfw.cpp) share.
#pragma once

struct GLFWwindow;

namespace apos::platform {

// After the window's GL context is current: ImGui's GLFW and OpenGL 3 backends for `window`,
// with shaders of `glsl_version` ("#version 300 es" for WebGL 2, "#version 330 core" natively).
void StartImGuiBackends(GLFWwindow* window, const char* glsl_version);
// Backends down, then the window and GLFW.
void StopImGuiBackendsAndWindow(GLFWwindow* window);
// The font atlas again after ImGui rebuilt it (a new content scale).
void ReloadImGuiFontTexture();
// Before ImGui::NewFrame().
void BackendsNewFrame();
// Clears the framebuffer with the window background colour and draws ImGui's draw data
// (presenting is the host's: the browser composites, the desktop swaps buffers).
void DrawImGuiFrame(GLFWwindow* window);

}  // namespace apos::platform
