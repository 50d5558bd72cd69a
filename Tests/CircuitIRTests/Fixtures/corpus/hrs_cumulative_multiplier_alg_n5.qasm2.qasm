OPENQASM 2.0;
include "qelib1.inc";
gate mcphase(param0) q0,q1 { cp(-pi/4) q0,q1; }
gate mcphase_139930471734096(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471734672(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471734928(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471735440(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471735952(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471736400(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471736720(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930471737360(param0) q0,q1 { cp(pi/4) q0,q1; }
gate ccircuit_1865 q0,q1,q2,q3,q4 { ccx q0,q1,q2; ccx q0,q1,q4; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; ccx q0,q4,q1; mcphase_139930471734096(pi/4) q0,q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; mcphase_139930471734672(pi/4) q0,q2; ccx q0,q4,q1; mcphase_139930471734928(pi/4) q0,q1; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q1,q3; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q4,q2; mcphase(-pi/4) q0,q2; mcphase_139930471735440(pi/4) q0,q4; ccx q0,q4,q2; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; ccx q0,q4,q1; mcphase_139930471735952(pi/4) q0,q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; mcphase_139930471736400(pi/4) q0,q2; ccx q0,q4,q1; mcphase_139930471736720(pi/4) q0,q1; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q4,q2; mcphase(-pi/4) q0,q2; mcphase_139930471737360(pi/4) q0,q4; ccx q0,q4,q2; ccx q0,q1,q4; ccx q0,q4,q2; }
qreg a[1];
qreg b[1];
qreg out[2];
qreg helper[1];
ccircuit_1865 a[0],b[0],out[0],out[1],helper[0];