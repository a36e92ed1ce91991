#include "drivers/cardsim/vpcd_link.hpp"

#include <unistd.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>

#include "drivers/cardsim/errors.hpp"
#include "drivers/cardsim/trace.hpp"
#include "secure/secret.hpp"

namespace kofu::cardsim {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kConnectRetry = std::chrono::milliseconds(100);
constexpr std::size_t kMaxMessage = 0xFFFF;

// vpcd's control codes (vsmartcard vpcd.h).
constexpr char kPowerOff = 0x00;
constexpr char kPowerOn = 0x01;
constexpr char kReset = 0x02;
constexpr char kGetAtr = 0x04;

void log(const std::string& line) {
  std::cerr << "kofu-cardsim: " << line << '\n';
}

// One connection at a time, all on one thread: vpcd asks, the card answers, in order.
class VpcdLink {
 public:
  VpcdLink(SimulatedCard& card, const Faults& faults, const LinkOptions& options)
      : card_(card), faults_(faults), options_(options), socket_(io_), timer_(io_), signals_(io_, SIGTERM, SIGINT) {}

  Expected<void> run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) finish({});
    });
    insert();
    io_.run();
    return std::move(outcome_);
  }

 private:
  std::string where() const { return options_.host + ":" + std::to_string(options_.port); }

  // The card goes into the reader: connect, and keep trying until the connect timeout.
  void insert() {
    deadline_ = Clock::now() + options_.connect_timeout;
    connect();
  }

  void connect() {
    boost::system::error_code ec;
    const auto endpoints = tcp::resolver(io_).resolve(options_.host, std::to_string(options_.port), ec);
    if (ec) {
      finish(unexpected(
          Error(CardsimErrc::vpcd_unreachable, "cannot resolve the vpcd host " + options_.host + ": " + ec.message())));
      return;
    }
    asio::async_connect(socket_, endpoints, [this](const boost::system::error_code& error, const tcp::endpoint&) {
      if (stopping_) return;
      if (!error) {
        connected();
      } else if (Clock::now() < deadline_) {
        timer_.expires_after(kConnectRetry);
        timer_.async_wait([this](const boost::system::error_code& cancelled) {
          if (!cancelled && !stopping_) connect();
        });
      } else {
        finish(unexpected(Error(lost_ ? CardsimErrc::vpcd_lost : CardsimErrc::vpcd_unreachable,
                                "nothing accepted the connection at " + where() + " within " +
                                    std::to_string(options_.connect_timeout.count()) + " s (" + error.message() +
                                    "); is pcscd running with the vpcd reader driver (vsmartcard-vpcd) there?")));
      }
    });
  }

  void connected() {
    boost::system::error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);  // one small message per step: no Nagle delay
    lost_ = false;
    inserted_ = false;
    read_length();
  }

  // The first message on a connection: vpcd has accepted it (the kernel completes a TCP connect before vpcd's
  // accept, which comes at pcscd's next presence poll), so pcscd now sees the card. Only then is the test told.
  bool announce_insertion() {
    inserted_ = true;
    log("card inserted: vpcd at " + where() + " took the connection");
    if (options_.ready_file.empty() || ready_written_) return true;
    if (auto written = write_ready_file(); !written) {
      finish(std::move(written));
      return false;
    }
    ready_written_ = true;
    return true;
  }

  Expected<void> write_ready_file() const {
    // Written under another name and renamed, so that a test never sees it half written.
    const std::string partial = options_.ready_file + ".partial";
    {
      std::ofstream out(partial, std::ios::trunc);
      out << getpid() << '\n';
      if (!out.flush()) {
        return unexpected(Error(CardsimErrc::ready_file, "cannot write the ready file " + partial));
      }
    }
    std::error_code ec;
    std::filesystem::rename(partial, options_.ready_file, ec);
    if (ec) {
      return unexpected(
          Error(CardsimErrc::ready_file, "cannot create the ready file " + options_.ready_file + ": " + ec.message()));
    }
    return {};
  }

  void read_length() {
    asio::async_read(socket_, asio::buffer(length_), [this](const boost::system::error_code& error, std::size_t) {
      if (stopping_) return;
      if (error) {
        lost(error);
        return;
      }
      read_payload(static_cast<std::size_t>(length_[0]) << 8 | length_[1]);
    });
  }

  void read_payload(std::size_t size) {
    payload_.assign(size, '\0');
    asio::async_read(socket_, asio::buffer(payload_), [this](const boost::system::error_code& error, std::size_t) {
      if (stopping_) return;
      if (error) {
        lost(error);
        return;
      }
      handle();
    });
  }

  void handle() {
    if (!inserted_ && !announce_insertion()) return;
    if (payload_.size() == 1) {
      control(payload_[0]);
      return;
    }
    ++apdus_;
    if (faults_.remove_after && apdus_ == *faults_.remove_after) {
      remove();
      return;
    }
    if (faults_.mute) {
      if (options_.trace) log(trace_line(payload_, {}) + " (mute)");
      wipe(payload_);
      read_length();
      return;
    }
    Bytes response = card_.execute(payload_);
    if (options_.trace) log(trace_line(payload_, response));
    wipe(payload_);  // may be a VERIFY with its PIN
    if (response.size() > kMaxMessage) response = answer(sw::kNoDiagnosis);
    reply(response);
  }

  void control(char code) {
    switch (code) {
      case kPowerOff:
        card_.power_off();
        if (options_.trace) log("power off");
        break;
      case kPowerOn:
        card_.power_on();
        if (options_.trace) log("power on");
        break;
      case kReset:
        card_.reset();
        if (options_.trace) log("reset");
        break;
      case kGetAtr: reply(card_.atr()); return;  // several times a second: pcscd polls presence with it
      default:
        if (options_.trace) log("unknown control code " + iso7816::to_hex(std::string(1, code)) + " ignored");
        break;
    }
    read_length();
  }

  // Never a zero-length message: vpcd takes it as a failure and drops the card.
  void reply(const Bytes& message) {
    out_.clear();
    out_ += static_cast<char>(message.size() >> 8);
    out_ += static_cast<char>(message.size() & 0xFF);
    out_ += message;
    asio::async_write(socket_, asio::buffer(out_), [this](const boost::system::error_code& error, std::size_t) {
      if (stopping_) return;
      if (error) {
        lost(error);
        return;
      }
      read_length();
    });
  }

  // The removal fault: the connection closes with the APDU unanswered (vpcd gives the client a 0-byte success,
  // then SCARD_W_REMOVED_CARD).
  void remove() {
    wipe(payload_);
    close();
    log("card removed: fault after APDU " + std::to_string(apdus_));
    if (!faults_.reinsert_after) return;  // stays out until told to stop
    timer_.expires_after(*faults_.reinsert_after);
    timer_.async_wait([this](const boost::system::error_code& cancelled) {
      if (cancelled || stopping_) return;
      log("card reinserted");
      insert();
    });
  }

  // vpcd closed the connection (pcscd stopped or restarted): the card is out until vpcd is back.
  void lost(const boost::system::error_code& error) {
    close();
    log("vpcd closed the connection (" + error.message() + "); reconnecting");
    lost_ = true;
    insert();
  }

  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    card_.power_off();
  }

  void finish(Expected<void> outcome) {
    if (stopping_) return;
    stopping_ = true;
    outcome_ = std::move(outcome);
    boost::system::error_code ignored;
    timer_.cancel();
    signals_.cancel(ignored);
    socket_.close(ignored);
    io_.stop();
  }

  SimulatedCard& card_;
  const Faults& faults_;
  const LinkOptions& options_;
  asio::io_context io_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  asio::signal_set signals_;
  Clock::time_point deadline_;
  std::array<unsigned char, 2> length_{};
  Bytes payload_;
  Bytes out_;
  std::uint64_t apdus_ = 0;
  bool inserted_ = false;  // vpcd has spoken on this connection
  bool ready_written_ = false;
  bool stopping_ = false;
  bool lost_ = false;  // vpcd went away; failing to reconnect is vpcd_lost, not vpcd_unreachable
  Expected<void> outcome_;
};

}  // namespace

Expected<void> run_vpcd_link(SimulatedCard& card, const Faults& faults, const LinkOptions& options) {
  VpcdLink link(card, faults, options);
  return link.run();
}

}  // namespace kofu::cardsim
