# Warnings, sanitizers and Qt definitions shared by every target of the project.
add_library(wpm_compile_options INTERFACE)
target_compile_options(wpm_compile_options INTERFACE -Wall -Wextra -Wpedantic)
if(WPM_WERROR)
    target_compile_options(wpm_compile_options INTERFACE -Werror)
endif()
target_compile_definitions(wpm_compile_options INTERFACE
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(WPM_SANITIZE)
    target_compile_options(wpm_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(wpm_compile_options INTERFACE -fsanitize=address,undefined)
endif()
