// RAII for mbedTLS structures: init on construction, free on destruction, no copies. `v` is the structure.
#pragma once

namespace kofu::shc {

template <class T, void (*Init)(T*), void (*Free)(T*)>
struct MbedtlsHandle {
  MbedtlsHandle() noexcept { Init(&v); }
  ~MbedtlsHandle() { Free(&v); }
  MbedtlsHandle(const MbedtlsHandle&) = delete;
  MbedtlsHandle& operator=(const MbedtlsHandle&) = delete;
  T v;
};

}  // namespace kofu::shc
