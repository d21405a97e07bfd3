go test fuzz v1
[]byte("plugins {\n    id(\"org.springframework.boot\") version \"2.7.18\"\n    kotlin(\"jvm\") version \"1.9.25\"\n}\njava {\n    toolchain {\n        languageVersion.set(JavaLanguageVersion.of(17))\n    }\n}\n")
