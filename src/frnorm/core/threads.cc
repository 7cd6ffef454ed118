#include "frnorm/core/threads.h"

#include <Eigen/Core>
#include <algorithm>
#include <thread>

namespace frnorm {

void set_num_threads(int n) {
  if (n <= 0) {
    n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  Eigen::setNbThreads(n);
}

int num_threads() { return Eigen::nbThreads(); }

}  // namespace frnorm
