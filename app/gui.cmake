# The window: GLFW + glad (generated here from python3-glad) + Dear ImGui 1.86.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
find_package(glfw3 3.3 REQUIRED)
find_package(OpenGL REQUIRED)
find_program(GLAD_EXECUTABLE glad REQUIRED)

# glad 2: an OpenGL 3.3 core loader, generated from the specification that
# ships with python3-glad (--reproducible: nothing is fetched).
set(glad_dir ${CMAKE_CURRENT_BINARY_DIR}/glad)
add_custom_command(
  OUTPUT ${glad_dir}/src/gl.c ${glad_dir}/include/glad/gl.h
  COMMAND ${GLAD_EXECUTABLE} --api gl:core=3.3 --out-path ${glad_dir} --reproducible --quiet c
  COMMENT "Generating the OpenGL loader with glad"
  VERBATIM)
add_library(threadlab_glad STATIC ${glad_dir}/src/gl.c)
target_include_directories(threadlab_glad PUBLIC ${glad_dir}/include)

add_library(threadlab_gui STATIC
  app_state.cpp
  fonts.cpp
  panel_exercise.cpp
  panel_help.cpp
  panel_lesson.cpp
  panel_lessons.cpp
  panel_quiz.cpp
  panel_results.cpp
  panel_timeline.cpp
  panel_tools.cpp
  run_session.cpp
  shortcuts.cpp
  theme.cpp
  timeline_model.cpp
  ui.cpp
)
target_include_directories(threadlab_gui PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_features(threadlab_gui PUBLIC cxx_std_20)
target_link_libraries(threadlab_gui
  PUBLIC threadlab_cli threadlab_lessons PkgConfig::IMGUI
  PRIVATE threadlab_assets fmt::fmt nlohmann_json::nlohmann_json)

target_sources(threadlab PRIVATE window.cpp)
target_link_libraries(threadlab PRIVATE threadlab_gui threadlab_glad glfw OpenGL::GL ${CMAKE_DL_LIBS})
