package g722

// Tables of ITU-T G.722 (blocks 1L–4H); names follow the Recommendation.

// qmf holds the 24 coefficients h0..h23 of the transmit and receive QMF.
var qmf = [24]int32{
	3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
	3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
}

// q6 holds the lower-band quantizer decision levels (block 1L, QUANTL), scaled by 2^12/DETL.
var q6 = [31]int32{
	0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
	786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0,
}

// iln and ilp map a lower-band quantizer interval to its 6-bit code for a
// negative and a positive difference.
var iln = [31]uint8{
	0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
	18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
}
var ilp = [31]uint8{
	0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
	46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
}

// qm6 is the 6-bit lower-band inverse quantizer (block 2L, INVQAL, mode 1).
var qm6 = [64]int32{
	-136, -136, -136, -136, -24808, -21904, -19008, -16704,
	-14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
	-7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
	-3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
	24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
	10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
	4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
	1688, 1360, 1040, 728, 432, 136, -432, -136,
}

// qm4 is the 4-bit lower-band inverse quantizer that feeds the predictor (block 2L, INVQAL).
var qm4 = [16]int32{
	0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
	20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
}

// rl42 maps a 4-bit lower-band code to the magnitude index of the scale factor adaptation.
var rl42 = [16]int32{0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0}

// wl is the lower-band log scale factor multiplier (block 3L, LOGSCL).
var wl = [8]int32{-60, -30, 58, 172, 334, 538, 1198, 3042}

// ilb is the antilog table of SCALEL and SCALEH: 2048·2^(i/32).
var ilb = [32]int32{
	2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
	2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
	2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
	3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
}

// qm2 is the 2-bit higher-band inverse quantizer (block 2H, INVQAH).
var qm2 = [4]int32{-7408, -1616, 7408, 1616}

// ihn and ihp map the higher-band interval to its 2-bit code.
var ihn = [3]uint8{0, 1, 0}
var ihp = [3]uint8{0, 3, 2}

// rh2 maps a 2-bit higher-band code to the magnitude index of wh.
var rh2 = [4]int32{2, 1, 2, 1}

// wh is the higher-band log scale factor multiplier (block 3H, LOGSCH).
var wh = [3]int32{0, -214, 798}
