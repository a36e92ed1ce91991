# Every third-party library kofu uses, each from a Debian 12 package listed in scripts/deps/debian.txt.
# Found here once, so that every module links the same imported targets.
find_package(PkgConfig REQUIRED)

find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(MbedTLS 2.28 REQUIRED)
find_package(Boost 1.74 REQUIRED)             # header-only Asio and Beast
find_package(SQLite3 REQUIRED)
find_package(ZXing REQUIRED)
find_package(toml11 REQUIRED)
find_package(Freetype REQUIRED)
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)
pkg_check_modules(PCSCLite REQUIRED IMPORTED_TARGET libpcsclite)
pkg_check_modules(QRencode REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(Systemd REQUIRED IMPORTED_TARGET libsystemd)

if(KOFU_TESTS)
  find_package(doctest REQUIRED)
  include(doctest)                            # doctest_discover_tests
endif()
if(KOFU_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

