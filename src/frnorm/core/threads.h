// The number of threads the linear algebra (Eigen's OpenMP GEMM) may use.
#pragma once

namespace frnorm {

// Sets the thread count for Eigen's parallel products. n <= 0 means all hardware threads.
void set_num_threads(int n);
int num_threads();

}  // namespace frnorm
