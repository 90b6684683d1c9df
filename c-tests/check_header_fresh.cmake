# The committed include/secrets.h must equal what build.rs generated in this
# build (the build writes it; git tells whether that changed it).
find_program(GIT git)
if(NOT GIT OR NOT EXISTS "${SRC}/.git")
  message("not a git checkout: cannot compare with the committed header (skipped)")
  cmake_language(EXIT 77)
endif()
execute_process(COMMAND "${GIT}" -C "${SRC}" ls-files --error-unmatch include/secrets.h
                RESULT_VARIABLE tracked OUTPUT_QUIET ERROR_QUIET)
if(NOT tracked EQUAL 0)
  message(FATAL_ERROR "include/secrets.h is not committed")
endif()
execute_process(COMMAND "${GIT}" -C "${SRC}" diff --exit-code -- include/secrets.h
                RESULT_VARIABLE rc OUTPUT_VARIABLE diff)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "include/secrets.h differs from the committed header; commit the regenerated one:\n${diff}")
endif()
message("include/secrets.h is fresh")
