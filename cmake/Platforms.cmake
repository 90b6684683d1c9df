# Portability and ABI checks (included once from the top-level CMakeLists.txt):
#   cross/          the library and its tests on aarch64 and s390x (qemu-user),
#                   on Windows (MinGW-w64 + wine), cargo check for macOS and
#                   FreeBSD: label "cross", each skipped where its tools are absent;
#   abi_baseline    abidiff of a fresh build against abi/libsecrets.abi.
#   abi_symbol_versions  every export has its version node from src/libsecrets.map,
#                   nothing else is exported, every function of the header is in
#                   the map (c-tests/check_exports.sh, also run by the export test).
# docs/portability.md and docs/abi.md explain them.
if(SECRETS_BUILD_TESTS)
  add_subdirectory("${CMAKE_CURRENT_LIST_DIR}/../cross" "${CMAKE_BINARY_DIR}/cross")
  add_test(NAME abi_baseline
    COMMAND sh "${CMAKE_SOURCE_DIR}/abi/abi-check.sh" "${CMAKE_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/cross" "${CARGO}")
  add_test(NAME abi_symbol_versions COMMAND sh "${CMAKE_SOURCE_DIR}/c-tests/check_exports.sh" "${SECRETS_SHARED}")
  set_tests_properties(abi_symbol_versions PROPERTIES LABELS abi)
  set_tests_properties(abi_baseline PROPERTIES LABELS abi SKIP_RETURN_CODE 77 TIMEOUT 1200)
endif()
