OPENQASM 3.0;
include "stdgates.inc";
h $2;
cp(pi/2) $2, $1;
h $1;
cp(pi/4) $2, $0;
cp(pi/2) $1, $0;
h $0;
