# Checks the engine's layering from its #include lines:
#   cmake -DENGINE_DIR=<engine/> -DSTAGES=format,text,... -P check_layers.cmake
# STAGES lists the stages bottom up (EVTX_ENGINE_STAGES). A stage's files
# (src/<stage>/, include/evtx/<stage>/) may include public headers of its own
# stage and the stages before it ("evtx/<lower>/x.hpp"), and private headers of
# its own stage only ("<stage>/x.hpp" or "x.hpp"). Every folder under src/ and
# include/evtx/ must be a listed stage, and no header may sit at the top of
# include/evtx/. As each stage may only look down a total order, the stage
# graph is acyclic.
cmake_minimum_required(VERSION 3.25)

if(NOT ENGINE_DIR OR NOT STAGES)
  message(FATAL_ERROR "usage: cmake -DENGINE_DIR=<dir> -DSTAGES=a,b,c -P check_layers.cmake")
endif()
string(REPLACE "," ";" stages "${STAGES}")

set(violations 0)
macro(violation text)
  message(NOTICE "layering: ${text}")
  math(EXPR violations "${violations} + 1")
endmacro()

foreach(root "${ENGINE_DIR}/src" "${ENGINE_DIR}/include/evtx")
  file(GLOB entries LIST_DIRECTORIES true RELATIVE "${root}" "${root}/*")
  foreach(entry IN LISTS entries)
    if(IS_DIRECTORY "${root}/${entry}")
      if(NOT entry IN_LIST stages)
        violation("${root}/${entry}/ is not a stage listed in EVTX_ENGINE_STAGES")
      endif()
    elseif(root MATCHES "/include/evtx$")
      violation("${root}/${entry} belongs in a stage folder include/evtx/<stage>/")
    endif()
  endforeach()
endforeach()

list(LENGTH stages count)
math(EXPR last "${count} - 1")
foreach(rank RANGE ${last})
  list(GET stages ${rank} stage)
  file(GLOB_RECURSE files
    "${ENGINE_DIR}/src/${stage}/*.cpp" "${ENGINE_DIR}/src/${stage}/*.hpp"
    "${ENGINE_DIR}/include/evtx/${stage}/*.hpp")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*$" "\\1" inc "${line}")
      file(RELATIVE_PATH where "${ENGINE_DIR}" "${file}")
      if(inc MATCHES "^evtx/([^/]+)/")
        set(other "${CMAKE_MATCH_1}")
        list(FIND stages "${other}" other_rank)
        if(other_rank EQUAL -1)
          violation("${where} includes \"${inc}\" from an unknown stage '${other}'")
        elseif(other_rank GREATER rank)
          violation("${where} (stage ${stage}) includes \"${inc}\" from stage ${other}, which is above it")
        endif()
      elseif(inc MATCHES "^evtx/")
        violation("${where} includes \"${inc}\", a header outside the stage folders")
      elseif(inc MATCHES "^([^/]+)/")
        if(NOT CMAKE_MATCH_1 STREQUAL stage)
          violation("${where} (stage ${stage}) includes \"${inc}\", a private header of another stage")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "engine layering: ${violations} violation(s); order (bottom up): ${STAGES}")
endif()
message(STATUS "engine layering: ${count} stages, every include points down (${STAGES})")
