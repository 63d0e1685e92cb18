/* tipline — PDQ, MD5 and SHA-256 of a picture, computed in the browser. The picture never leaves
   the device: only the hashes do (see hash-form.js). No requests, no dependencies.

   PDQ (Meta's perceptual hash, pdq/README in facebook/ThreatExchange), written from its
   description: RGB -> luminance (0.299, 0.587, 0.114); two passes of a Jarosz (box) filter
   along rows and columns with windows computed from the image size; decimation to 64x64 at the
   pixel centres; the 16x16 low-frequency block of the 64x64 DCT (frequencies 1..16); bit =
   coefficient > median; 64 hex digits, bit 255 first (coefficient (i, j) is bit i*16 + j).
   Quality: the sum of the 64x64 luminance's neighbour differences (in percent of 255) / 90,
   at most 100. Large pictures are first scaled to fit 512x512 (as the server's decoder does).

   window.TiplineHash = { pdqFromRGBA, exifOrientation, hashFile, md5, sha256, hamming, SIDE } */
(function () {
  "use strict";

  var SIDE = 512; // longest side handed to PDQ, as tipline.hashing.decode.PDQ_SIDE
  var N = 64;

  /* DCT matrix, 16 x 64: D[i][j] = sqrt(2/64) cos(pi/2/64 (i+1)(2j+1)) */
  var DCT = (function () {
    var d = new Float64Array(16 * N);
    var scale = Math.sqrt(2 / N);
    for (var i = 0; i < 16; i++) {
      for (var j = 0; j < N; j++) {
        d[i * N + j] = scale * Math.cos((Math.PI / 2 / N) * (i + 1) * (2 * j + 1));
      }
    }
    return d;
  })();

  function windowSize(oldDim, newDim) {
    return Math.floor((oldDim + 2 * newDim - 1) / (2 * newDim));
  }

  /* One box-filter pass over a line of `length` values, `stride` apart: a centred window that
     shrinks at both ends (the mean of the values inside). */
  function box1D(input, output, offset, length, stride, win) {
    var half = Math.floor((win + 2) / 2);
    var phase1 = half - 1;
    var phase2 = win - half + 1;
    var phase3 = length - win;
    var phase4 = half - 1;
    var li = offset, ri = offset, oi = offset;
    var sum = 0, count = 0, k;
    for (k = 0; k < phase1; k++) { sum += input[ri]; count++; ri += stride; }
    for (k = 0; k < phase2; k++) { sum += input[ri]; count++; output[oi] = sum / count; ri += stride; oi += stride; }
    for (k = 0; k < phase3; k++) {
      sum += input[ri]; sum -= input[li];
      output[oi] = sum / count;
      li += stride; ri += stride; oi += stride;
    }
    for (k = 0; k < phase4; k++) { sum -= input[li]; count--; output[oi] = sum / count; li += stride; oi += stride; }
  }

  function jarosz(a, b, rows, cols, winAlongRows, winAlongCols, reps) {
    for (var r = 0; r < reps; r++) {
      for (var i = 0; i < rows; i++) box1D(a, b, i * cols, cols, 1, winAlongRows);
      for (var j = 0; j < cols; j++) box1D(b, a, j, rows, cols, winAlongCols);
    }
  }

  /* The PDQ hash and quality of RGBA pixels (an ImageData's data), width x height. */
  function pdqFromRGBA(rgba, width, height) {
    var size = width * height;
    var luma = new Float32Array(size);
    var tmp = new Float32Array(size);
    for (var p = 0, q = 0; p < size; p++, q += 4) {
      luma[p] = 0.299 * rgba[q] + 0.587 * rgba[q + 1] + 0.114 * rgba[q + 2];
    }
    if (width === 1 && height === 1) {
      return { hash: "0".repeat(64), quality: 0 };
    }
    jarosz(luma, tmp, height, width, windowSize(width, N), windowSize(height, N), 2);

    var block = new Float64Array(N * N); // decimated 64x64, row-major
    for (var i = 0; i < N; i++) {
      var y = Math.floor(((i + 0.5) * height) / N);
      for (var j = 0; j < N; j++) {
        var x = Math.floor(((j + 0.5) * width) / N);
        block[i * N + j] = luma[y * width + x];
      }
    }

    var gradient = 0, d;
    for (i = 0; i < N - 1; i++) {
      for (j = 0; j < N; j++) {
        d = Math.trunc(((block[i * N + j] - block[(i + 1) * N + j]) * 100) / 255);
        gradient += Math.abs(d);
      }
    }
    for (i = 0; i < N; i++) {
      for (j = 0; j < N - 1; j++) {
        d = Math.trunc(((block[i * N + j] - block[i * N + j + 1]) * 100) / 255);
        gradient += Math.abs(d);
      }
    }
    var quality = Math.min(100, Math.floor(gradient / 90));

    // B = D A D^T, only the 16x16 block: first T = A D^T (64 x 16), then B = D T.
    var t = new Float64Array(N * 16);
    var k, s;
    for (i = 0; i < N; i++) {
      for (j = 0; j < 16; j++) {
        s = 0;
        for (k = 0; k < N; k++) s += block[i * N + k] * DCT[j * N + k];
        t[i * 16 + j] = s;
      }
    }
    var coefficients = new Float64Array(256);
    for (i = 0; i < 16; i++) {
      for (j = 0; j < 16; j++) {
        s = 0;
        for (k = 0; k < N; k++) s += DCT[i * N + k] * t[k * 16 + j];
        coefficients[i * 16 + j] = s;
      }
    }
    var sorted = Array.prototype.slice.call(coefficients).sort(function (a, b) { return a - b; });
    var median = sorted[127]; // the lower median, 128th of 256
    var hex = "";
    for (var digit = 0; digit < 64; digit++) {
      var nibble = 0;
      for (var bit = 0; bit < 4; bit++) {
        var index = 255 - 4 * digit - bit;
        nibble = (nibble << 1) | (coefficients[index] > median ? 1 : 0);
      }
      hex += nibble.toString(16);
    }
    return { hash: hex, quality: quality };
  }

  function hamming(a, b) {
    var n = 0;
    for (var i = 0; i < a.length; i++) {
      var x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
      while (x) { n += x & 1; x >>= 1; }
    }
    return n;
  }

  /* MD5 (RFC 1321) of a Uint8Array, as 32 hex digits. SubtleCrypto has no MD5; platforms
     exchange it for exact copies. */
  var MD5_S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
  var MD5_K = (function () {
    var k = new Int32Array(64);
    for (var i = 0; i < 64; i++) k[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
    return k;
  })();

  function md5(bytes) {
    var length = bytes.length;
    var padded = ((length + 8) >>> 6) + 1 << 6; // bytes, a multiple of 64 with room for 0x80 + length
    var buffer = new Uint8Array(padded);
    buffer.set(bytes);
    buffer[length] = 0x80;
    var view = new DataView(buffer.buffer);
    view.setUint32(padded - 8, (length * 8) >>> 0, true);
    view.setUint32(padded - 4, Math.floor(length / 536870912) >>> 0, true); // length * 8 / 2^32
    var a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
    var m = new Int32Array(16);
    for (var offset = 0; offset < padded; offset += 64) {
      for (var w = 0; w < 16; w++) m[w] = view.getInt32(offset + 4 * w, true);
      var a = a0, b = b0, c = c0, d = d0;
      for (var i = 0; i < 64; i++) {
        var f, g;
        if (i < 16) { f = (b & c) | (~b & d); g = i; }
        else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
        else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
        else { f = c ^ (b | ~d); g = (7 * i) & 15; }
        var sum = (a + f + MD5_K[i] + m[g]) | 0;
        a = d; d = c; c = b;
        b = (b + ((sum << MD5_S[i]) | (sum >>> (32 - MD5_S[i])))) | 0;
      }
      a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
    }
    var out = new DataView(new ArrayBuffer(16));
    out.setInt32(0, a0, true); out.setInt32(4, b0, true); out.setInt32(8, c0, true); out.setInt32(12, d0, true);
    return toHex(new Uint8Array(out.buffer));
  }

  function toHex(bytes) {
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return hex;
  }

  function sha256(bytes) {
    if (!(window.crypto && window.crypto.subtle)) return Promise.resolve(null);
    return window.crypto.subtle.digest("SHA-256", bytes).then(function (digest) {
      return toHex(new Uint8Array(digest));
    });
  }

  function fit(width, height) {
    var scale = Math.min(SIDE / width, SIDE / height, 1);
    return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
  }

  /* EXIF orientation (1-8) of a JPEG, or 1: APP1 "Exif", TIFF header, IFD0 tag 0x0112. */
  function exifOrientation(bytes) {
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return 1;
    var offset = 2;
    while (offset + 4 <= bytes.length) {
      var marker = view.getUint16(offset);
      if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return 1; // start of scan: no EXIF
      var length = view.getUint16(offset + 2);
      if (marker === 0xffe1 && length >= 16 && offset + 2 + length <= bytes.length &&
          view.getUint32(offset + 4) === 0x45786966 && view.getUint16(offset + 8) === 0) { // "Exif\0\0"
        var tiff = offset + 10;
        var little = view.getUint16(tiff) === 0x4949;
        if (!little && view.getUint16(tiff) !== 0x4d4d) return 1;
        var end = offset + 2 + length;
        var ifd = tiff + view.getUint32(tiff + 4, little);
        if (ifd + 2 > end) return 1;
        var count = view.getUint16(ifd, little);
        for (var i = 0; i < count; i++) {
          var entry = ifd + 2 + 12 * i;
          if (entry + 12 > end) return 1;
          if (view.getUint16(entry, little) === 0x0112) {
            var value = view.getUint16(entry + 8, little);
            return value >= 1 && value <= 8 ? value : 1;
          }
        }
        return 1;
      }
      offset += 2 + length;
    }
    return 1;
  }

  /* The pixel moves that undo what a viewer does for each EXIF orientation (displayed -> as
     stored), as functions (x, y, w, h) of the output pixel giving the input pixel's [x, y]; w and h
     are the input's size; `swap` when the width and height trade places. */
  var UNDO = {
    2: { swap: false, at: function (x, y, w) { return [w - 1 - x, y]; } }, // mirror left-right
    3: { swap: false, at: function (x, y, w, h) { return [w - 1 - x, h - 1 - y]; } }, // 180
    4: { swap: false, at: function (x, y, w, h) { return [x, h - 1 - y]; } }, // upside down
    5: { swap: true, at: function (x, y) { return [y, x]; } }, // transpose
    6: { swap: true, at: function (x, y, w) { return [w - 1 - y, x]; } }, // the viewer turned it clockwise
    7: { swap: true, at: function (x, y, w, h) { return [w - 1 - y, h - 1 - x]; } }, // transverse
    8: { swap: true, at: function (x, y, w, h) { return [y, h - 1 - x]; } } // the viewer turned it anticlockwise
  };

  function undoOrientation(image, orientation) {
    var move = UNDO[orientation];
    var w = image.width, h = image.height;
    var ow = move.swap ? h : w, oh = move.swap ? w : h;
    var out = new Uint8ClampedArray(ow * oh * 4), src = image.data;
    for (var y = 0; y < oh; y++) {
      for (var x = 0; x < ow; x++) {
        var from = move.at(x, y, w, h);
        var i = (from[1] * w + from[0]) * 4, o = (y * ow + x) * 4;
        out[o] = src[i]; out[o + 1] = src[i + 1]; out[o + 2] = src[i + 2]; out[o + 3] = src[i + 3];
      }
    }
    return { data: out, width: ow, height: oh };
  }

  /* Decode with the browser, scaled to fit SIDE x SIDE, without colour-space conversion. Browsers
     show a picture upright (EXIF orientation applied): that is the "as displayed" image. */
  function pixelsOf(blob) {
    var plain = { colorSpaceConversion: "none", premultiplyAlpha: "none" };
    return createImageBitmap(blob, plain).then(function (full) {
      var size = fit(full.width, full.height);
      if (size[0] === full.width && size[1] === full.height) return full;
      // scaled from the decoded bitmap: the file is decoded once
      return createImageBitmap(full, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: "medium" })
        .then(function (small) { full.close(); return small; });
    }).then(function (bitmap) {
      var canvas = document.createElement("canvas");
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return context.getImageData(0, 0, canvas.width, canvas.height);
    });
  }

  /* All the hashes of one File/Blob: {pdq, pdqOriented, quality, md5, sha256}, as `tipline hash`
     gives them: pdq of the pixels as stored (what the reference tools hash), pdqOriented of the
     picture as displayed when an EXIF orientation turns or flips it (else null). pdq is null when
     the browser cannot decode the file (the exact hashes still identify a copy). */
  function hashFile(file) {
    return file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var exact = sha256(bytes).then(function (sha) { return { md5: md5(bytes), sha256: sha }; });
      var orientation = exifOrientation(bytes);
      var perceptual = pixelsOf(file).then(function (displayed) {
        if (orientation === 1) return { stored: pdqFromRGBA(displayed.data, displayed.width, displayed.height) };
        var stored = undoOrientation(displayed, orientation);
        return {
          stored: pdqFromRGBA(stored.data, stored.width, stored.height),
          displayed: pdqFromRGBA(displayed.data, displayed.width, displayed.height)
        };
      }, function () { return { stored: { hash: null, quality: null } }; });
      return Promise.all([exact, perceptual]).then(function (both) {
        var p = both[1];
        return { pdq: p.stored.hash, pdqOriented: p.displayed ? p.displayed.hash : null,
          quality: p.stored.quality, md5: both[0].md5, sha256: both[0].sha256 };
      });
    });
  }

  window.TiplineHash = { pdqFromRGBA: pdqFromRGBA, exifOrientation: exifOrientation, hashFile: hashFile,
    md5: md5, sha256: sha256, hamming: hamming, SIDE: SIDE };
})();
