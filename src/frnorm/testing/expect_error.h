// Test support: assert that a call throws frnorm::Error with a given message.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "frnorm/core/error.h"

// EXPECT_FRNORM_ERROR(statement, "exact message")
#define EXPECT_FRNORM_ERROR(statement, expected)                   \
  do {                                                             \
    try {                                                          \
      statement;                                                   \
      ADD_FAILURE() << "expected frnorm::Error from: " #statement; \
    } catch (const ::frnorm::Error& error) {                       \
      EXPECT_EQ(std::string(error.what()), std::string(expected)); \
    }                                                              \
  } while (false)

// EXPECT_FRNORM_ERROR_CONTAINS(statement, "part of the message")
#define EXPECT_FRNORM_ERROR_CONTAINS(statement, part)                            \
  do {                                                                           \
    try {                                                                        \
      statement;                                                                 \
      ADD_FAILURE() << "expected frnorm::Error from: " #statement;               \
    } catch (const ::frnorm::Error& error) {                                     \
      EXPECT_NE(std::string(error.what()).find(part), std::string::npos)         \
          << "message: " << error.what() << "\nexpected to contain: " << (part); \
    }                                                                            \
  } while (false)
