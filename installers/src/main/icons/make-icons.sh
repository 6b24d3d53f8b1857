#!/usr/bin/env bash
# Draws the VLA Studio icon (a film strip of three frames over an action trace) with ImageMagick and writes
# vla-studio.png (256 px, Linux), vla-studio.ico (Windows). The macOS .icns is made from the PNG on a macOS runner
# (.github/workflows/installers.yml), where iconutil exists. Run again after changing the drawing; commit the outputs.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 256x256 xc:none \
  -fill '#1f3a5f' -draw 'roundrectangle 8,8 247,247 44,44' \
  -fill '#f2f5f9' -draw 'rectangle 36,64 219,144' \
  -fill '#1f3a5f' -draw 'rectangle 48,76 100,132' -draw 'rectangle 102,76 154,132' -draw 'rectangle 156,76 207,132' \
  -fill '#7fb3e6' -draw 'rectangle 52,80 96,128' \
  -fill '#9fd08a' -draw 'rectangle 106,80 150,128' \
  -fill '#f0b86e' -draw 'rectangle 160,80 203,128' \
  -fill none -stroke '#f0b86e' -strokewidth 10 -draw 'line 40,206 84,176' -draw 'line 84,176 128,196' -draw 'line 128,196 172,164' -draw 'line 172,164 216,184' \
  -stroke none -fill '#f2f5f9' -draw 'circle 216,184 224,184' \
  vla-studio.png
convert vla-studio.png -define icon:auto-resize=256,64,48,32,16 vla-studio.ico
