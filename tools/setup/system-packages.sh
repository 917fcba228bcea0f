#!/usr/bin/env bash
# Install the Debian packages the build and tests need, only when they are missing:
#   chromium            Playwright's browser and mermaid-cli's (nothing downloads a browser)
#   fonts-noto-cjk      Chinese in the PDF, the diagrams and the screenshots
#   texlive-* latexmk   xelatex, ctex, Sphinx's LaTeX packages; fonts-freefont-otf for Latin
#   poppler-utils       pdffonts / pdftotext / pdftoppm in the PDF tests
#   librsvg2-bin        rsvg-convert: diagram SVG → PDF with real (not Type 3) fonts
# Needs root (or sudo) and apt.
set -euo pipefail
packages=(chromium fonts-noto-cjk texlive-xetex texlive-lang-chinese texlive-latex-extra latexmk
          texlive-fonts-recommended fonts-freefont-otf poppler-utils librsvg2-bin fontconfig)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
