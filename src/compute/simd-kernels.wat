;; Dot-product kernels for the answer stage, in WebAssembly with 128-bit SIMD (four floats a step).
;; Compiled to src/compute/simd-kernels-binary.ts by `npm run build:kernels` (scripts/build-kernels.mjs);
;; a test checks the two agree. Rows are row-major float32 (bytes for best_matches_i8), `dims` a multiple of
;; 4; addresses are bytes.
;; Sums are float32, four partial sums a row, so results differ from double-precision sums in the last
;; digits only.
(module
  (memory (export "memory") 1)
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
  (func $dot (param $a i32) (param $b i32) (param $bytes i32) (result f32)
    (local $k i32) (local $acc v128)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $k) (local.get $bytes)))
        (local.set $acc
          (f32x4.add (local.get $acc)
            (f32x4.mul
              (v128.load (i32.add (local.get $a) (local.get $k)))
              (v128.load (i32.add (local.get $b) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $step)))
    (call $hsum (local.get $acc)))
  ;; out[r] = m[r] · q for each of `rows` rows.
  (func (export "dots") (param $m i32) (param $rows i32) (param $dims i32) (param $q i32) (param $out i32)
    (local $bytes i32) (local $end i32)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (call $dot (local.get $m) (local.get $q) (local.get $bytes)))
        (local.set $m (i32.add (local.get $m) (local.get $bytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row))))
  ;; out[i] = m[idx[i]] · q for each of the `n` row numbers (i32) at idx.
  (func (export "dots_at") (param $m i32) (param $idx i32) (param $n i32) (param $dims i32) (param $q i32) (param $out i32)
    (local $bytes i32) (local $end i32)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out)
          (call $dot
            (i32.add (local.get $m) (i32.mul (i32.load (local.get $idx)) (local.get $bytes)))
            (local.get $q)
            (local.get $bytes)))
        (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $each))))
  ;; out[i] = sum over k of w[k] * clamp(t[k] * m[idx[i]][k] - b[k], -c, c), for each of the `n` row
  ;; numbers at idx: a linear head over each dimension of a row, scaled, shifted and clipped.
  (func (export "clipped_at")
    (param $m i32) (param $idx i32) (param $n i32) (param $dims i32)
    (param $t i32) (param $b i32) (param $w i32) (param $c f32) (param $out i32)
    (local $bytes i32) (local $end i32) (local $row i32) (local $k i32)
    (local $acc v128) (local $x v128) (local $hi v128) (local $lo v128)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $hi (f32x4.splat (local.get $c)))
    (local.set $lo (f32x4.neg (local.get $hi)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $row (i32.add (local.get $m) (i32.mul (i32.load (local.get $idx)) (local.get $bytes))))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $step
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $bytes)))
            (local.set $x
              (f32x4.sub
                (f32x4.mul
                  (v128.load (i32.add (local.get $t) (local.get $k)))
                  (v128.load (i32.add (local.get $row) (local.get $k))))
                (v128.load (i32.add (local.get $b) (local.get $k)))))
            (local.set $x (f32x4.min (local.get $hi) (f32x4.max (local.get $lo) (local.get $x))))
            (local.set $acc
              (f32x4.add (local.get $acc)
                (f32x4.mul (v128.load (i32.add (local.get $w) (local.get $k))) (local.get $x))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $step)))
        (f32.store (local.get $out) (call $hsum (local.get $acc)))
        (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $each))))
  ;; out[i] = (m[r] · q) * scales[r] * qscale for r = idx[i] (i32 row numbers at $idx; every row in order when
  ;; $idx is 0), rows of `dims` signed bytes, q `dims` 16-bit integers: each product summed exactly in
  ;; integers (dims a multiple of 16, at most 512), then scaled.
  (func (export "dots_i8") (param $m i32) (param $scales i32) (param $idx i32) (param $n i32) (param $dims i32)
    (param $q i32) (param $qscale f32) (param $out i32)
    (local $end i32) (local $r i32) (local $i i32) (local $row i32) (local $k i32) (local $acc v128) (local $x v128)
    (local $at i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $r
          (if (result i32) (local.get $idx)
            (then (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
            (else (local.get $i))))
        (local.set $row (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $dims))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $step
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $dims)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $k))))
            (local.set $at (i32.add (local.get $q) (i32.shl (local.get $k) (i32.const 1))))
            (local.set $acc (i32x4.add (local.get $acc) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load (local.get $at)))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 (local.get $at))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $step)))
        (f32.store (local.get $out)
          (f32.mul
            (f32.convert_i32_s
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
                (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
            (f32.mul (f32.load (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2)))) (local.get $qscale))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $each))))
  ;; For the rows of each of `n` ranges (i32 pairs from, to at $ranges), against `cols` queries: best[i][c] =
  ;; max(-1, max over the range's rows r of row r · query c) into `cols` floats a range at $best, and
  ;; nearest[r] = max(-1, max over c of row r · query c) for the ranges' rows in turn at $nearest. Row r is
  ;; m[r] (dims signed bytes) times scales[r], and query c is q[c] (dims 16-bit integers) times qscales[c].
  ;; Each product is summed exactly in integers (sixteen numbers a step, dims a multiple of 16 and at most
  ;; 512 so no sum overflows), then scaled.
  (func (export "best_matches_i8")
    (param $m i32) (param $scales i32) (param $ranges i32) (param $n i32) (param $dims i32)
    (param $q i32) (param $qscales i32) (param $cols i32) (param $best i32) (param $nearest i32)
    (local $rangesEnd i32) (local $r i32) (local $rEnd i32) (local $c i32) (local $bestEnd i32)
    (local.set $rangesEnd (i32.add (local.get $ranges) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $range
        (br_if $done (i32.ge_u (local.get $ranges) (local.get $rangesEnd)))
        (local.set $bestEnd (i32.add (local.get $best) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $c (local.get $best))
        (block $filled
          (loop $fill
            (br_if $filled (i32.ge_u (local.get $c) (local.get $bestEnd)))
            (f32.store (local.get $c) (f32.const -1))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $fill)))
        (local.set $r (i32.load (local.get $ranges)))
        (local.set $rEnd (i32.load offset=4 (local.get $ranges)))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rEnd)))
            (f32.store (local.get $nearest)
              (call $matchRowI8
                (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $dims)))
                (f32.load (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2))))
                (local.get $dims) (local.get $q) (local.get $qscales) (local.get $cols) (local.get $best)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (local.set $nearest (i32.add (local.get $nearest) (i32.const 4)))
            (br $row)))
        (local.set $best (local.get $bestEnd))
        (local.set $ranges (i32.add (local.get $ranges) (i32.const 8)))
        (br $range))))
  ;; One row against `cols` queries, four at a time (each load of the row serves four products), the last
  ;; one to three alone: raises best[c] to each product; returns max(-1, the largest). A query's product is
  ;; the same integer sum and the same two float products either way.
  (func $matchRowI8
    (param $row i32) (param $scale f32) (param $dims i32) (param $q0 i32) (param $qs i32) (param $cols i32)
    (param $bp i32) (result f32)
    (local $near f32) (local $c i32) (local $k i32) (local $x v128) (local $lo v128) (local $hi v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $u v128) (local $v v128)
    (local $qbytes i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $at i32)
    (local $one f32)
    (local.set $near (f32.const -1))
    (local.set $qbytes (i32.shl (local.get $dims) (i32.const 1)))
    (block $quads
      (loop $quad
        (br_if $quads (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (local.set $q1 (i32.add (local.get $q0) (local.get $qbytes)))
        (local.set $q2 (i32.add (local.get $q1) (local.get $qbytes)))
        (local.set $q3 (i32.add (local.get $q2) (local.get $qbytes)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $step
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $dims)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $k))))
            (local.set $lo (i16x8.extend_low_i8x16_s (local.get $x)))
            (local.set $hi (i16x8.extend_high_i8x16_s (local.get $x)))
            (local.set $at (i32.shl (local.get $k) (i32.const 1)))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
              (i32x4.dot_i16x8_s (local.get $lo) (v128.load (i32.add (local.get $q0) (local.get $at))))
              (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (i32.add (local.get $q0) (local.get $at)))))))
            (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add
              (i32x4.dot_i16x8_s (local.get $lo) (v128.load (i32.add (local.get $q1) (local.get $at))))
              (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (i32.add (local.get $q1) (local.get $at)))))))
            (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add
              (i32x4.dot_i16x8_s (local.get $lo) (v128.load (i32.add (local.get $q2) (local.get $at))))
              (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (i32.add (local.get $q2) (local.get $at)))))))
            (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add
              (i32x4.dot_i16x8_s (local.get $lo) (v128.load (i32.add (local.get $q3) (local.get $at))))
              (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (i32.add (local.get $q3) (local.get $at)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $step)))
        ;; The four integer sums side by side, then scaled by the row's and each query's scale.
        (local.set $u
          (i32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a0) (local.get $a1))
            (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $v
          (i32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a2) (local.get $a3))
            (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
        (local.set $x
          (f32x4.mul
            (f32x4.convert_i32x4_s
              (i32x4.add
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))
                (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v))))
            (f32x4.mul
              (v128.load (i32.add (local.get $qs) (i32.shl (local.get $c) (i32.const 2))))
              (f32x4.splat (local.get $scale)))))
        (v128.store (local.get $bp) (f32x4.max (v128.load (local.get $bp)) (local.get $x)))
        (local.set $near
          (f32.max (local.get $near)
            (f32.max
              (f32.max (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 1 (local.get $x)))
              (f32.max (f32x4.extract_lane 2 (local.get $x)) (f32x4.extract_lane 3 (local.get $x))))))
        (local.set $q0 (i32.add (local.get $q3) (local.get $qbytes)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quad)))
    (block $singles
      (loop $single
        (br_if $singles (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $step
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $dims)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $k))))
            (local.set $at (i32.add (local.get $q0) (i32.shl (local.get $k) (i32.const 1))))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load (local.get $at)))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 (local.get $at))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $step)))
        (local.set $one
          (f32.mul
            (f32.convert_i32_s
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $a0)) (i32x4.extract_lane 1 (local.get $a0)))
                (i32.add (i32x4.extract_lane 2 (local.get $a0)) (i32x4.extract_lane 3 (local.get $a0)))))
            (f32.mul (f32.load (i32.add (local.get $qs) (i32.shl (local.get $c) (i32.const 2)))) (local.get $scale))))
        (f32.store (local.get $bp) (f32.max (f32.load (local.get $bp)) (local.get $one)))
        (local.set $near (f32.max (local.get $near) (local.get $one)))
        (local.set $q0 (i32.add (local.get $q0) (local.get $qbytes)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $single)))
    (local.get $near))
)
