// TypeAheadField: the list is its own small window drawn over whatever is below the field, so
// the layout does not jump while typing. It stays open while the field is edited or the mouse
// is over it (a click deactivates the field before the list item sees its release).
#include "widgets/type_ahead.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "imgui_internal.h"  // ActiveIdUsingNavDirMask, BringWindowToDisplayFront
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

struct ListState {
    bool open = false;
    int highlighted = 0;
    bool hovered = false;  // the list was hovered last frame
};

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool Matches(const TypeAheadChoice& choice, const std::string& query_lower) {
    const std::string key = Lower(choice.key);
    const std::size_t n = std::min(key.size(), query_lower.size());
    if (key.compare(0, n, query_lower, 0, n) == 0) return true;
    return Lower(choice.words).find(query_lower) != std::string::npos;
}

}  // namespace

int CountTypeAheadMatches(const std::string& text, const std::vector<TypeAheadChoice>& choices) {
    const std::string query = Lower(Trim(text));
    if (query.empty()) return 0;
    return static_cast<int>(
        std::count_if(choices.begin(), choices.end(), [&](const TypeAheadChoice& c) { return Matches(c, query); }));
}

TypeAheadResult TypeAheadField(const char* label, std::string& value, const std::vector<TypeAheadChoice>& choices,
                               const char* hint, ImGuiInputTextFlags flags, int max_shown) {
    static std::unordered_map<ImGuiID, ListState> states;
    TypeAheadResult result;
    ListState& state = states[ImGui::GetID(label)];

    result.edited = TextField(label, value, hint, flags);
    result.id = ImGui::GetItemID();
    result.field_hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const ImVec2 field_min = ImGui::GetItemRectMin();
    const ImVec2 field_max = ImGui::GetItemRectMax();
    // Enter ends the edit in the same frame (InputText deactivates on it): it picks the highlight.
    const bool enter =
        (active || ImGui::IsItemDeactivated()) && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                                                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)));
    if (ImGui::IsItemActivated() || result.edited) state.open = true;
    if (result.edited) state.highlighted = 0;
    if (!active && !enter && !state.hovered) state.open = false;

    const std::string query = Lower(Trim(value));
    std::vector<const TypeAheadChoice*> shown;
    if (state.open && !query.empty())
        for (const TypeAheadChoice& choice : choices)
            if (Matches(choice, query) && static_cast<int>(shown.size()) < max_shown) shown.push_back(&choice);
    // Text that already names one choice completely ("21JK", "21JKCTO1WW") needs no list: it
    // would only cover the fields below.
    if (shown.size() == 1) {
        const std::string key = Lower(shown.front()->key);
        if (query.size() >= key.size() && query.compare(0, key.size(), key) == 0 && !enter) shown.clear();
    }
    if (shown.empty()) {
        state.hovered = false;
        return result;
    }
    state.highlighted = std::clamp(state.highlighted, 0, static_cast<int>(shown.size()) - 1);
    result.list_open = true;

    if (active) {
        // Up and Down belong to the list while it is open (not to keyboard navigation).
        ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        const int count = static_cast<int>(shown.size());
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow)))
            state.highlighted = (state.highlighted + 1) % count;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)))
            state.highlighted = (state.highlighted + count - 1) % count;
    }
    if (enter) {
        result.picked = shown[static_cast<std::size_t>(state.highlighted)];
        state.open = false;
        state.hovered = false;
        return result;
    }

    const std::string window_name = std::string("##type-ahead ") + label;
    ImGui::SetNextWindowPos(ImVec2(field_min.x, field_max.y + 2.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(field_max.x - field_min.x, 0.0f), ImVec2(FLT_MAX, FLT_MAX));
    const ImGuiWindowFlags window_flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                                          ImGuiWindowFlags_NoNav;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::Begin(window_name.c_str(), nullptr, window_flags);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const std::string item = shown[i]->label + "##pick:" + shown[i]->key;
        if (ImGui::Selectable(item.c_str(), static_cast<int>(i) == state.highlighted)) {
            result.picked = shown[i];
            state.open = false;
        }
        if (ImGui::IsItemHovered()) state.highlighted = static_cast<int>(i);
    }
    ImGui::TextDisabled("\xE2\x86\x91\xE2\x86\x93 to choose, Enter to pick");
    // While the field is still active (the frame of the click), plain IsWindowHovered() says no:
    // the list must count as hovered then, or it closes before its item sees the release.
    state.hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    ImGui::End();
    ImGui::PopStyleVar();
    if (result.picked) state.hovered = false;
    return result;
}

}  // namespace apos::ui
