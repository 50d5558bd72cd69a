OPENQASM 2.0;
include "qelib1.inc";
gate mcphase(param0) q0,q1 { cp(-pi/4) q0,q1; }
gate mcphase_139930469968592(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470044112(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470044432(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470039824(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470042320(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470039888(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470040912(param0) q0,q1 { cp(pi/4) q0,q1; }
gate mcphase_139930470040080(param0) q0,q1 { cp(pi/4) q0,q1; }
gate ccircuit_1989 q0,q1,q2,q3,q4 { ccx q0,q1,q2; ccx q0,q1,q4; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; ccx q0,q4,q1; mcphase_139930469968592(pi/4) q0,q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; mcphase_139930470044112(pi/4) q0,q2; ccx q0,q4,q1; mcphase_139930470044432(pi/4) q0,q1; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q1,q3; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q4,q2; mcphase(-pi/4) q0,q2; mcphase_139930470039824(pi/4) q0,q4; ccx q0,q4,q2; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; ccx q0,q4,q1; mcphase_139930470042320(pi/4) q0,q1; ccx q0,q2,q1; mcphase(-pi/4) q0,q1; mcphase_139930470039888(pi/4) q0,q2; ccx q0,q4,q1; mcphase_139930470040912(pi/4) q0,q1; s q1; h q1; t q1; cx q0,q1; tdg q1; h q1; sdg q1; ccx q0,q4,q2; mcphase(-pi/4) q0,q2; mcphase_139930470040080(pi/4) q0,q4; ccx q0,q4,q2; ccx q0,q1,q4; ccx q0,q4,q2; }
qreg a[1];
qreg b[1];
qreg out[2];
qreg helper[1];
ccircuit_1989 a[0],b[0],out[0],out[1],helper[0];