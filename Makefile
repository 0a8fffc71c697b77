# What `sam build` runs for each function (template.yaml: CodeUri "." and Metadata BuildMethod makefile):
# make build-<FunctionLogicalId> in a copy of this repository, with ARTIFACTS_DIR the directory SAM
# zips as that function's package. All functions share one jar, so one pattern rule serves each of
# them, a function added to the template included. The jar goes to lib/, where the Java runtime
# puts every jar on the class path. Needs a JDK 21+ (bin/select-jdk finds it) and nothing else:
# the Maven wrapper downloads Maven.
SHELL := /bin/bash

build-%:
	. bin/select-jdk && ./mvnw -B -ntp -q -pl functions -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/target/functions.jar "$(ARTIFACTS_DIR)/lib/"
