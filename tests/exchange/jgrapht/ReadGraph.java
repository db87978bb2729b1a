// Reads a GEXF or GraphML file with JGraphT's validating importers and prints
// "<nodes> <edges>" and each node's label, or exits 1 with the importer's error.
// Run by tests/exchange/test_strict_readers.py when Java and libjgrapht-java are present.
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;

public class ReadGraph {
    public static void main(String[] args) throws Exception {
        Graph<String, DefaultWeightedEdge> graph = GraphTypeBuilder.<String, DefaultWeightedEdge>undirected()
            .allowingMultipleEdges(false).allowingSelfLoops(false).weighted(true)
            .vertexSupplier(SupplierUtil.createStringSupplier()).edgeClass(DefaultWeightedEdge.class).buildGraph();
        Map<String, String> labels = new LinkedHashMap<>();
        File file = new File(args[1]);
        if (args[0].equals("gexf")) {
            SimpleGEXFImporter<String, DefaultWeightedEdge> importer = new SimpleGEXFImporter<>();
            importer.setSchemaValidation(true);
            importer.addVertexAttributeConsumer((p, a) -> { if (p.getSecond().equals("label")) labels.put(p.getFirst(), a.getValue()); });
            importer.importGraph(graph, file);
        } else {
            GraphMLImporter<String, DefaultWeightedEdge> importer = new GraphMLImporter<>();
            importer.setSchemaValidation(true);
            importer.addVertexAttributeConsumer((p, a) -> { if (p.getSecond().equals("label")) labels.put(p.getFirst(), a.getValue()); });
            importer.importGraph(graph, file);
        }
        System.out.println(graph.vertexSet().size() + " " + graph.edgeSet().size());
        for (String label : labels.values()) System.out.println(label);
    }
}
