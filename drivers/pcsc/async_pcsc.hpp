// PC/SC for the kiosk's event loop (Boost.Asio): the blocking PC/SC calls run on threads of their own and their
// results come back as handlers on the caller's executor. One worker runs card jobs in order (one card session at
// a time per kiosk); one watcher delivers reader and card events.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <thread>

#include "drivers/pcsc/monitor.hpp"
#include "error/expected.hpp"

namespace kofu::pcsc {

class AsyncPcsc {
 public:
  explicit AsyncPcsc(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}
  ~AsyncPcsc();
  AsyncPcsc(const AsyncPcsc&) = delete;
  AsyncPcsc& operator=(const AsyncPcsc&) = delete;

  // Runs `job` (blocking PC/SC and card work: connect, select, sign; each call bounded by the Context's time limit)
  // on the worker, then `done(result)` on the executor. Jobs run one after another in the order given.
  template <class Job, class Done>
  void run(Job job, Done done) {
    boost::asio::post(worker_, [executor = executor_, job = std::move(job), done = std::move(done)]() mutable {
      auto result = job();
      boost::asio::post(executor,
                        [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    });
  }

  // Calls `on_event` on the executor for each reader or card event until stop() or destruction; `on_error` once if
  // the smart-card service fails (the watcher then ends).
  void watch(std::function<void(const ReaderEvent&)> on_event, std::function<void(const Error&)> on_error);
  void stop();

 private:
  boost::asio::any_io_executor executor_;
  boost::asio::thread_pool worker_{1};
  std::thread watcher_;
  std::shared_ptr<std::atomic<bool>> stopping_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<Monitor> monitor_;
};

}  // namespace kofu::pcsc
