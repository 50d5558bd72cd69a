OPENQASM 3.0;
include "stdgates.inc";
h $0;
x $2;
cp(pi) $2, $0;
cp(-pi/2) $0, $1;
h $0;
