# Warnings and sanitizers for every kofu target, through the kofu_settings interface library.
add_library(kofu_settings INTERFACE)
add_library(kofu::settings ALIAS kofu_settings)

target_compile_options(kofu_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
if(KOFU_WARNINGS_AS_ERRORS)
  target_compile_options(kofu_settings INTERFACE -Werror)
endif()

if(KOFU_SANITIZERS)
  string(REPLACE "," ";" _kofu_sanitizers "${KOFU_SANITIZERS}")
  foreach(_s IN LISTS _kofu_sanitizers)
    if(NOT _s MATCHES "^(address|undefined|leak|thread|memory)$")
      message(FATAL_ERROR "KOFU_SANITIZERS: unknown sanitizer '${_s}'")
    endif()
  endforeach()
  target_compile_options(kofu_settings INTERFACE -fsanitize=${KOFU_SANITIZERS} -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=all)
  target_link_options(kofu_settings INTERFACE -fsanitize=${KOFU_SANITIZERS})
endif()

if(KOFU_FUZZ)
  # Everything is instrumented for coverage; only the fuzz targets link libFuzzer's main.
  target_compile_options(kofu_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                 -fno-omit-frame-pointer)
  target_link_options(kofu_settings INTERFACE -fsanitize=address,undefined)
endif()
