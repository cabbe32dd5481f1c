// Every published module got its API documentation.
['sdk-core', 'sdk-payment', 'sdk-recommend', 'sdk-community', 'sdk-jdbc'].each { module ->
    File index = new File(basedir, "clean/${module}/target/reports/apidocs/index.html")
    if (!index.isFile()) {
        throw new IllegalStateException("the Javadoc command made no ${index}")
    }
}
return true
