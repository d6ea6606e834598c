#pragma once
// math.gamma and math.lgamma with CPython's own algorithm; NaN means
// "math domain error".

namespace threadlab::py {

double CPythonGamma(double x);
double CPythonLgamma(double x);

} // namespace threadlab::py
