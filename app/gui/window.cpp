// The window: GLFW + glad + Dear ImGui, reading straight down — set up,
// declare the program state, loop, tear down in reverse.
#include "window.hpp"

#include "app_state.hpp"
#include "atomic_file.hpp"
#include "fonts.hpp"
#include "program_commands.hpp"
#include "progress.hpp"
#include "work_files.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cfloat>
#include <cstdlib>
#include <thread>
#include <iostream>
#include <string>
#include <vector>

namespace threadlab {

namespace {

constexpr double kFrameSeconds = 1.0 / 60;

struct WindowOptions {
    std::optional<std::string> lesson;
    int width = 1440;
    int height = 900;
    bool visible = true;
    bool use_settings = true; // read and write the user's settings file
    int font_size = kDefaultFontSize;
};

// One frame: poll, three NewFrames, the app, render, swap.
// `no_pointer`: as if the pointer were off the window (a screenshot shows no
// tooltip of wherever the X server left it).
void Frame(GLFWwindow* window, AppState& state, bool swap = true, bool no_pointer = false)
{
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (no_pointer)
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    DrawApp(state);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (swap)
        glfwSwapBuffers(window);
}

void ToggleFullscreen(GLFWwindow* window, int saved[4])
{
    if (glfwGetWindowMonitor(window) != nullptr) {
        glfwSetWindowMonitor(window, nullptr, saved[0], saved[1], saved[2], saved[3], 0);
        return;
    }
    glfwGetWindowPos(window, &saved[0], &saved[1]);
    glfwGetWindowSize(window, &saved[2], &saved[3]);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode != nullptr)
        glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

// Saves a region of the frame just drawn (framebuffer pixels, origin at
// the bottom left as OpenGL counts them).
std::optional<std::string> SavePng(const std::string& path, int x, int y, int width, int height)
{
    if (width <= 0 || height <= 0)
        return "nothing to save";
    std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(x, y, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    std::string png;
    stbi_flip_vertically_on_write(1); // OpenGL's rows start at the bottom
    const int ok = stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
        },
        &png, width, height, 3, pixels.data(), width * 3);
    if (!ok)
        return "could not encode the PNG";
    return WriteFileAtomically(path, png);
}

// "Save PNG…": the timeline's canvas from the frame just drawn.
void SaveTimelinePng(GLFWwindow* window, AppState& state)
{
    int fb_width = 0, fb_height = 0, win_width = 0, win_height = 0;
    glfwGetFramebufferSize(window, &fb_width, &fb_height);
    glfwGetWindowSize(window, &win_width, &win_height);
    const float sx = win_width > 0 ? float(fb_width) / float(win_width) : 1;
    const float sy = win_height > 0 ? float(fb_height) / float(win_height) : 1;
    const ImVec2 a = state.timeline.canvas_min, b = state.timeline.canvas_max;
    const int x = int(a.x * sx), w = int((b.x - a.x) * sx), h = int((b.y - a.y) * sy);
    const int y = fb_height - int(b.y * sy);
    if (auto error = SavePng(state.png_request, std::max(0, x), std::max(0, y), std::min(w, fb_width), std::min(h, fb_height)))
        state.Notify("The PNG was not saved: " + *error);
    else
        state.Confirm("Saved the timeline to " + state.png_request + ".");
}

// What GLFW said about its last error on this thread, or "".
std::string LastGlfwError()
{
    const char* description = nullptr;
    glfwGetError(&description);
    return description != nullptr ? description : "";
}

GLFWkeyfun g_backend_key_callback = nullptr;

void NoteKeyPress(GLFWwindow* window, int key, int scancode, int action, int mods)
{
    if (action == GLFW_PRESS)
        NoteKeyTap(key);
    if (g_backend_key_callback != nullptr)
        g_backend_key_callback(window, key, scancode, action, mods);
}

class Window {
public:
    // Opens the window and sets up ImGui; check Ok() before use.
    explicit Window(const WindowOptions& options)
    {
        // With Mesa's software renderer, one rasteriser thread is plenty for
        // this UI and leaves the cores to the lesson's threads.
        setenv("LP_NUM_THREADS", "1", 0);
        if (!glfwInit()) {
            const std::string why = LastGlfwError();
            m_error = "cannot open a window: " + (why.empty() ? std::string("no display") : why) +
                      "; headless, try: threadlab list, then threadlab run LESSON";
            return;
        }
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
        // A size remembered from a larger screen is fitted to this one's work
        // area (less the taskbar), so Run is never off-screen. Screenshots keep theirs.
        int width = options.width, height = options.height, x = -1, y = -1;
        if (options.use_settings)
            if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
                int work_x = 0, work_y = 0, work_w = 0, work_h = 0;
                glfwGetMonitorWorkarea(monitor, &work_x, &work_y, &work_w, &work_h);
                if (work_w > 0 && work_h > 0) {
                    width = std::min(width, work_w);
                    height = std::min(height, work_h - 40); // the title bar
                    x = work_x + (work_w - width) / 2;
                    y = work_y + std::max(0, (work_h - height) / 2);
                }
            }
        m_window = glfwCreateWindow(width, height, "threadlab", nullptr, nullptr);
        if (m_window != nullptr && x >= 0)
            glfwSetWindowPos(m_window, x, y);
        if (m_window == nullptr) {
            m_error = "cannot open a window: " + LastGlfwError();
            return;
        }
        glfwMakeContextCurrent(m_window);
        gladLoadGL(glfwGetProcAddress);
        glfwSwapInterval(1);

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr; // layout is code; settings.json holds what we remember
        ImGui_ImplGlfw_InitForOpenGL(m_window, true);
        // ImGui 1.86 keeps only whether a key is down at each frame: a tap
        // (press and release between two frames) would be lost. Ours notes
        // every press, then hands the event on to the backend's callback.
        g_backend_key_callback = glfwSetKeyCallback(m_window, NoteKeyPress);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        m_fonts = LoadFonts(options.font_size);
    }

    ~Window()
    {
        if (m_window != nullptr) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
            ImGui::DestroyContext();
            glfwDestroyWindow(m_window);
        }
        glfwTerminate();
    }

    bool Ok() const { return m_window != nullptr; }
    const std::string& Error() const { return m_error; }
    GLFWwindow* Handle() { return m_window; }
    const Fonts& GetFonts() const { return m_fonts; }
    // Loads the font size the app wants, between frames.
    void EnsureFont(int size_index)
    {
        if (EnsureFontSet(m_fonts, size_index)) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }

private:
    GLFWwindow* m_window = nullptr;
    std::string m_error;
    Fonts m_fonts;
};

} // namespace

int OpenWindow(const std::optional<std::string>& lesson)
{
    const std::string settings_path = DefaultSettingsPath();
    LoadedSettings loaded = LoadSettings(settings_path);
    const int font_size = loaded.settings.presenter ? loaded.settings.presenter_font_size : loaded.settings.font_size;
    Window window(WindowOptions{lesson, loaded.settings.window_width, loaded.settings.window_height, true, true, font_size});
    if (!window.Ok()) {
        std::cerr << "threadlab: " << window.Error() << "\n";
        return 1;
    }
    AppState state;
    state.settings_path = loaded.may_save ? settings_path : "";
    InitAppState(state, window.GetFonts(), std::move(loaded), lesson);
    state.work_dir = DefaultWorkDir();
    LoadWorkPrograms(state);
    if (lesson && IsProgramPath(*lesson)) // threadlab gui FILE.py
        if (const std::string error = state.OpenProgram(*lesson); !error.empty())
            state.Notify(error);
    LoadedProgress progress = LoadProgress(DefaultProgressPath());
    state.progress_path = progress.writable ? DefaultProgressPath() : "";
    state.progress = std::move(progress.progress);
    if (!progress.notice.empty())
        state.Notify(progress.notice);

    int saved_geometry[4] = {100, 100, state.settings.window_width, state.settings.window_height};
    GLFWwindow* handle = window.Handle();
    // For the start-up benchmark: draw one frame and leave.
    const bool exit_after_first_frame = std::getenv("THREADLAB_EXIT_AFTER_FIRST_FRAME") != nullptr;
    double last_frame = glfwGetTime();
    int frames_to_draw = 0; // after an event: ImGui settles popups and layout over a few frames
    int png_frames = 0;
    while (!glfwWindowShouldClose(handle)) {
        // Redraw at the display's rate while something moves; otherwise sleep until an event.
        const bool checking = state.make_grading.valid();
        // The step mode's run reaching its next choice, a search: both move without an event.
        const bool busy = state.explore.Running() || (state.step.Active() && !state.step.Ended() && !state.step.Waiting());
        if (state.session.Running() || checking || busy || frames_to_draw > 0) {
            glfwPollEvents();
            frames_to_draw = std::max(frames_to_draw - 1, 0);
        } else {
            const double asleep = glfwGetTime();
            glfwWaitEventsTimeout(0.5);
            if (glfwGetTime() - asleep < 0.49)
                frames_to_draw = 3;
        }
        if (glfwGetWindowAttrib(handle, GLFW_ICONIFIED)) {
            glfwWaitEventsTimeout(0.1);
            state.session.Update();
            continue;
        }
        window.EnsureFont(state.FontSizeIndex());
        Frame(handle, state, false);
        // "Save PNG…" reads the second frame after the dialog closed, so no trace of the dialog is in it.
        if (!state.png_request.empty() && ++png_frames > 2) {
            SaveTimelinePng(handle, state);
            state.png_request.clear();
            png_frames = 0;
        }
        if (!state.png_request.empty())
            frames_to_draw = std::max(frames_to_draw, 1);
        glfwSwapBuffers(handle);
        if (exit_after_first_frame)
            break;
        // At most 60 frames a second even where vsync is not honoured (Xvfb),
        // so drawing never takes a core from the run it shows.
        const double spare = kFrameSeconds - (glfwGetTime() - last_frame);
        if (spare > 0)
            std::this_thread::sleep_for(std::chrono::duration<double>(spare));
        last_frame = glfwGetTime();
        if (state.toggle_fullscreen) {
            ToggleFullscreen(handle, saved_geometry);
            state.toggle_fullscreen = false;
        }
    }
    // Closing mid-run: stop it (every wait notices within 10 ms) before tearing down.
    state.session.Shutdown();
    if (glfwGetWindowMonitor(handle) == nullptr)
        glfwGetWindowSize(handle, &state.settings.window_width, &state.settings.window_height);
    if (state.settings_path.empty())
        return 0;
    if (auto error = SaveSettings(state.settings_path, state.settings))
        std::cerr << "threadlab: settings not saved: " << *error << "\n";
    return 0;
}

int SaveShot(const ShotRequest& request)
{
    Window window(WindowOptions{std::string(request.run.lesson->id), request.width, request.height, true, false,
                                request.presenter ? kPresenterFontSize : kDefaultFontSize});
    if (!window.Ok()) {
        std::cerr << "threadlab: " << window.Error() << "\n";
        return 1;
    }
    LoadedSettings defaults;
    defaults.settings.python = std::string(ModelName(request.run.config.model));
    defaults.settings.time_scale = request.run.config.time_scale;
    defaults.settings.presenter = request.presenter;
    // A screenshot runs live unless --seed asks for the simulated executor.
    defaults.settings.simulated = request.run.sim.has_value();
    AppState state;
    InitAppState(state, window.GetFonts(), defaults, std::string(request.run.lesson->id));
    if (request.run.sim) {
        state.seed_text = std::to_string(request.run.sim->seed);
        state.seed_typed = true;
    }
    // The parameters of the request, as if the user had typed them.
    const Lesson& requested = *request.run.lesson;
    for (size_t i = 0; i < requested.params.size(); ++i)
        state.edits[size_t(state.lesson)][i].text = DisplayValue(request.run.params.Get(requested.params[i].name));
    state.ParamsEdited();
    if (!request.open_program.empty())
        if (const std::string error = state.OpenProgram(request.open_program); !error.empty()) {
            std::cerr << "threadlab: " << error << "\n";
            return 2;
        }
    const Lesson& lesson = state.CurrentLesson();
    if (!request.program.empty()) {
        // As if the student had typed it into the editor.
        state.programs[size_t(state.lesson)].text = request.program;
        state.ProgramEdited();
    }

    // Predictions, as if the student had answered before running.
    {
        const std::vector<Question> questions = lesson.quiz(request.run.params, request.run.config.model);
        QuizState& quiz = state.Quiz();
        quiz.typed.assign(questions.size(), "");
        quiz.chosen.assign(questions.size(), -1);
        for (const std::string& answer : request.predictions) {
            const size_t eq = answer.find('=');
            const std::string id = answer.substr(0, eq);
            const std::string value = eq == std::string::npos ? "" : answer.substr(eq + 1);
            bool known = false;
            for (size_t i = 0; i < questions.size(); ++i) {
                if (questions[i].id != id)
                    continue;
                known = true;
                const auto parsed = ParsePrediction(questions[i], value);
                if (!parsed) {
                    std::cerr << "threadlab: --predict " << id << " cannot be \"" << value << "\"\n";
                    return 2;
                }
                quiz.typed[i] = value;
                quiz.chosen[i] = parsed->choice;
            }
            if (!known) {
                std::string ids;
                for (const Question& q : questions)
                    ids += (ids.empty() ? "" : ", ") + q.id;
                std::cerr << "threadlab: --predict: this lesson asks " << ids << ", not \"" << id << "\"\n";
                return 2;
            }
        }
    }

    GLFWwindow* handle = window.Handle();
    if (request.run_first) {
        // Draw nothing while it runs: a software renderer (llvmpipe under
        // Xvfb) would take cores from the threads being measured.
        if (request.compare) {
            std::vector<RunConfig> configs;
            for (Model model : {Model::Py39, Model::Py312, Model::Py313t})
                configs.push_back(RunConfig{model, request.run.config.switch_interval, request.run.config.time_scale});
            state.RunSeries(configs, 1);
        } else {
            state.RunSeries({request.run.config}, request.run.repeat);
        }
        while (state.session.Running()) {
            glfwWaitEventsTimeout(0.01);
            state.session.Update();
        }
    }
    if (request.explore) {
        if (lesson.page->explore_label.empty()) {
            std::cerr << "threadlab: --explore: lesson " << lesson.id << " has no schedule search (its page gives no explore:)\n";
            return 2;
        }
        state.Explore();
        while (state.explore.Running()) {
            glfwWaitEventsTimeout(0.01);
            state.TakeExploreOutcome();
        }
    }
    if (request.step) {
        if (lesson.page->step_sets.empty() && lesson.page->goals.empty() && state.found_schedule.empty()) {
            std::cerr << "threadlab: --step: lesson " << lesson.id << " has no step mode (its page gives no step:)\n";
            return 2;
        }
        if (!state.found_schedule.empty())
            state.StepThroughFound();
        else
            state.BeginStep();
        const auto settle = [&] {
            // Until the play waits for a choice or has ended.
            for (int i = 0; i < 5000 && !state.step.Waiting() && !state.step.Ended(); ++i) {
                glfwWaitEventsTimeout(0.001);
                state.step.Update();
            }
        };
        settle();
        for (const std::string& pick : *request.step) {
            const std::optional<py::StepChoice> choice = state.step.Waiting();
            if (!choice) {
                std::cerr << "threadlab: --step: the run ended before the pick \"" << pick << "\"\n";
                return 2;
            }
            const bool to_line = pick.back() == '+';
            const int key = pick == "s" ? 0 : std::stoi(pick.substr(0, pick.size() - to_line));
            const std::optional<size_t> chosen = state.step.CandidateWithKey(*choice, key);
            if (pick != "s" && !chosen) {
                std::cerr << "threadlab: --step: pick \"" << pick << "\" at choice " << choice->number + 1
                          << ": thread " << key << " cannot run there\n";
                return 2;
            }
            const size_t index = pick == "s" ? state.step.Suggested().value_or(0) : *chosen;
            if (to_line)
                state.step.PickToNextLine(index);
            else
                state.step.Pick(index);
            for (int i = 0; i < 5000 && state.step.Waiting() && state.step.Waiting()->number == choice->number; ++i)
                glfwWaitEventsTimeout(0.001);
            settle();
        }
    }
    if (!request.make.empty()) {
        if (lesson.page->make_function.empty()) {
            std::cerr << "threadlab: --make: lesson " << lesson.id << " has no Make step (its page gives no make:)\n";
            return 2;
        }
        state.exercise_step = 4;
        state.make_programs[size_t(state.lesson)].text = request.make;
        state.MakeEdited();
        state.GradeMakeStep();
        while (state.make_grading.valid()) {
            glfwWaitEventsTimeout(0.01);
            state.TakeMakeGrade();
        }
    }
    // A few frames so every panel has settled its layout, then read the last one.
    for (int i = 0; i < 3; ++i) {
        glfwPollEvents();
        Frame(handle, state, true, true);
    }
    Frame(handle, state, false, true);
    int width = 0, height = 0;
    glfwGetFramebufferSize(handle, &width, &height);
    if (auto error = SavePng(request.out, 0, 0, width, height)) {
        std::cerr << "threadlab: " << *error << "\n";
        return 1;
    }
    if (state.session.Result() && state.session.Result()->status == RunStatus::Failed) {
        std::cerr << "threadlab: the run failed: " << state.session.Result()->failure << "\n";
        return 1;
    }
    return 0;
}

} // namespace threadlab
