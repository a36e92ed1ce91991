#include "drivers/pcsc/async_pcsc.hpp"

namespace kofu::pcsc {
namespace {

// How long one wait may block before the watcher looks at its stop flag again (cancel() usually ends it sooner).
constexpr std::chrono::milliseconds kWatchSlice{1000};

}  // namespace

AsyncPcsc::~AsyncPcsc() {
  stop();
  worker_.join();
}

void AsyncPcsc::watch(std::function<void(const ReaderEvent&)> on_event, std::function<void(const Error&)> on_error) {
  auto monitor = Monitor::start();
  if (!monitor) {
    boost::asio::post(executor_, [on_error = std::move(on_error), error = monitor.error()] { on_error(error); });
    return;
  }
  monitor_ = std::make_shared<Monitor>(std::move(*monitor));
  watcher_ = std::thread([executor = executor_, monitor = monitor_, stopping = stopping_,
                          on_event = std::move(on_event), on_error = std::move(on_error)] {
    while (!*stopping) {
      auto events = monitor->wait(kWatchSlice);
      if (!events) {
        if (*stopping) return;  // a wait cut short by stop() is not a failure
        boost::asio::post(executor, [on_error, error = events.error()] { on_error(error); });
        return;
      }
      for (ReaderEvent& event : *events) {
        boost::asio::post(executor, [on_event, event = std::move(event)] { on_event(event); });
      }
    }
  });
}

void AsyncPcsc::stop() {
  *stopping_ = true;
  if (monitor_) monitor_->cancel();
  if (watcher_.joinable()) watcher_.join();
}

}  // namespace kofu::pcsc
