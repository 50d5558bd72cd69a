// User gate definitions, nested and with parameters, expressions with every operator and
// function of OpenQASM 2, and register broadcasting.
OPENQASM 2.0;
include "qelib1.inc";

gate rot(theta, phi) a { rz(phi) a; ry(theta / 2) a; rz(-phi) a; }
gate ent(lambda) a, b { cx a, b; rot(lambda, lambda ^ 2) b; cx a, b; }
gate layer(alpha, beta) a, b, c {
  ent(alpha) a, b;
  ent(beta * -2) b, c;
  barrier a, b, c;
  rot(sin(alpha) + cos(beta), tan(0.3) - exp(-alpha)) c;
  u1(ln(2) * sqrt(3) / pi) a;
}
gate empty a { }
opaque magic(x) a, b;

qreg a[2];
qreg b[2];
qreg c[1];

h a;
cx a, b;
cx a[0], b;
rz(-pi / 4 + 2 ^ -1) b;
layer(0.25, -(1.5 - 0.5) * 2) a[0], b[1], c[0];
layer(1e-1, .5e1 / 4) a, b, c[0];
ent(2 ^ 3 ^ -1) b[0], a[1];
empty c;
swap a, b;
