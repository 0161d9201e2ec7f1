//! Small previews of uploaded photos and image scans for the verification queue: decoded within
//! limits (the upload checks already refused images over [`crate::domain::documents::inspect::MAX_PIXELS`]),
//! turned upright by their EXIF orientation, shrunk and encoded as JPEG.

use anyhow::Context;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The longest side of a preview, in pixels (shown at half that on high-density screens).
pub const EDGE: u32 = 240;
/// Memory a decoder may use: a 50-megapixel RGB image with room to spare.
const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;
/// The largest side accepted, as a second guard beside the upload's pixel limit.
const MAX_SIDE: u32 = 20_000;

/// A JPEG preview of a JPEG or PNG image, at most [`EDGE`] pixels on its longest side.
pub fn make(image: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut reader = ImageReader::new(Cursor::new(image))
        .with_guessed_format()
        .context("reading an image")?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().context("opening an image")?;
    let orientation = decoder.orientation().context("reading its orientation")?;
    let mut full = DynamicImage::from_decoder(decoder).context("decoding an image")?;
    full.apply_orientation(orientation);
    let preview = DynamicImage::ImageRgb8(full.thumbnail(EDGE, EDGE).to_rgb8());
    drop(full);
    let mut out = Vec::new();
    preview
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out, 80,
        ))
        .context("encoding a preview")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_to(&mut out, format)
            .unwrap();
        out.into_inner()
    }

    fn size_of(jpeg: &[u8]) -> (u32, u32) {
        let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap();
        (image.width(), image.height())
    }

    #[test]
    fn previews_keep_the_shape_within_the_edge() {
        let wide = make(&encoded(1200, 600, ImageFormat::Png)).unwrap();
        assert!(wide.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert_eq!(size_of(&wide), (240, 120));
        let tall = make(&encoded(300, 900, ImageFormat::Jpeg)).unwrap();
        assert_eq!(size_of(&tall), (80, 240));
    }

    #[test]
    fn what_is_not_a_sound_image_gets_no_preview() {
        assert!(make(b"%PDF-1.4 not an image").is_err());
        let png = encoded(100, 100, ImageFormat::Png);
        assert!(make(&png[..png.len() / 2]).is_err());
        // A header that claims far more pixels than are there.
        let mut bomb = png.clone();
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let refused = make(&bomb).unwrap_err();
        assert!(format!("{refused:#}").contains("limit"), "{refused:#}");
    }
}
