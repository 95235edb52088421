# Every external dependency is found here, from Debian 12 packages listed in
# scripts/debian-packages.txt.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Sql Test)
if(WPM_BUILD_GUI)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets WebEngineWidgets WebChannel LinguistTools)
endif()
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBUNWIND REQUIRED IMPORTED_TARGET libunwind-ptrace libunwind-generic)
pkg_check_modules(LIBDW REQUIRED IMPORTED_TARGET libdw)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
# Notifier secrets in the system keychain (Debian: qtkeychain-qt6-dev); imported target qt6keychain.
find_package(Qt6Keychain REQUIRED)

# Zip export: KDE's KArchive where CMake finds the Qt 6 build of it, libarchive otherwise
# (Debian 12 packages KArchive for Qt 5 only).
find_package(KF6Archive QUIET)
if(KF6Archive_FOUND)
    set(WPM_ZIP_BACKEND "KArchive")
else()
    pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
    set(WPM_ZIP_BACKEND "libarchive")
endif()
message(STATUS "web-perfmonitor: zip export through ${WPM_ZIP_BACKEND}")

# HTTP/1.x parsing for the recording proxy: Debian's http-parser (no pkg-config file).
find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
add_library(wpm_http_parser INTERFACE)
target_include_directories(wpm_http_parser INTERFACE "${HTTP_PARSER_INCLUDE_DIR}")
target_link_libraries(wpm_http_parser INTERFACE "${HTTP_PARSER_LIBRARY}")
