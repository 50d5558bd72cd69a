// A 4-bit ripple-carry adder in the style of QASMBench's arithmetic circuits (after Cuccaro, Draper,
// Kutin and Moulton, quant-ph/0410184): computes b := a + b in place with one ancilla carry-in
// qubit and a carry-out qubit, using the MAJ (majority) and UMA (un-majority and add) blocks.
// Inputs a = 0101 (5) and b = 0111 (7); the measured result is the 5-bit sum 01100 (12).
OPENQASM 2.0;
include "qelib1.inc";

// Majority of (carry, b_i, a_i), left in a_i; b_i and carry become differences.
gate maj c, b, a {
    cx a, b;
    cx a, c;
    ccx c, b, a;
}

// Undo the majority and write the sum bit into b_i.
gate uma c, b, a {
    ccx c, b, a;
    cx a, c;
    cx c, b;
}

qreg cin[1];
qreg a[4];
qreg b[4];
qreg cout[1];
creg sum[5];

// a = 5, b = 7 (bit 0 is the least significant).
x a[0];
x a[2];
x b[0];
x b[1];
x b[2];

maj cin[0], b[0], a[0];
maj a[0], b[1], a[1];
maj a[1], b[2], a[2];
maj a[2], b[3], a[3];
cx a[3], cout[0];
uma a[2], b[3], a[3];
uma a[1], b[2], a[2];
uma a[0], b[1], a[1];
uma cin[0], b[0], a[0];

measure b[0] -> sum[0];
measure b[1] -> sum[1];
measure b[2] -> sum[2];
measure b[3] -> sum[3];
measure cout[0] -> sum[4];
