// SMART Health Cards from a picture: every QR code in the image is checked as a symbol (version, error
// correction) and its text verified by core/shc.
#pragma once

#include "scanner/image_file.hpp"
#include "shc/card.hpp"

namespace kofu::scanner {

// input_kind "image"; no QR code is a qr_unreadable error. With several codes, each is verified and the verdict
// holds all their credentials and findings.
shc::Verdict verify_card_image(const GrayImage& image, const shc::VerifyOptions& options);

}  // namespace kofu::scanner
